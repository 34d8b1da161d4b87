// Where a list of equal rows must scroll to show one row, worked out from the list's last known scroll
// position and height. The virtualizer's own scrollToIndex/scrollToOffset read the element's scroll
// height (a forced layout right after React's commit, ~10-40 ms on a loaded page during a sync) and then
// re-check their target frame after frame; the offset of a fixed-height row needs neither.

export interface Viewport {
  /** The list's scrollTop when it last scrolled. */
  scrollTop: number
  /** The list's visible height. */
  height: number
}

/**
 * The scrollTop that brings row `position` into view the least distance ("auto" alignment), or null when
 * it is already wholly in view; for -1 (no row to show) the top.
 */
export function offsetToShow(position: number, rowHeight: number, viewport: Viewport): number | null {
  if (position === -1) return viewport.scrollTop === 0 ? null : 0
  const top = position * rowHeight
  const bottom = top + rowHeight
  if (top < viewport.scrollTop) return top
  if (bottom > viewport.scrollTop + viewport.height) return Math.max(0, bottom - viewport.height)
  return null
}
