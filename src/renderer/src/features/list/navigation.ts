import type { LibraryIndex } from '../filter/library-index'

/**
 * The card `step` places away from `currentId` in the listed order. With no
 * current card (or one no longer listed) it starts from the top; it stops at the ends.
 */
export function stepThrough(index: LibraryIndex, matches: Int32Array, currentId: string | null, step: number): string | null {
  if (matches.length === 0) return null
  const row = currentId === null ? undefined : index.indexById.get(currentId)
  const at = row === undefined ? -1 : matches.indexOf(row)
  const next = at === -1 ? (step > 0 ? 0 : matches.length - 1) : Math.min(matches.length - 1, Math.max(0, at + step))
  return index.rows[matches[next]].id
}

/** Where a card sits in the listed order, or -1. */
export function positionOf(index: LibraryIndex, matches: Int32Array, id: string | null): number {
  if (id === null) return -1
  const row = index.indexById.get(id)
  return row === undefined ? -1 : matches.indexOf(row)
}
