import type { LibraryIndex } from '../filter/library-index'

/**
 * The card `step` places away from `currentId` in the listed order. With no
 * current card (or one no longer listed) it starts from the top; it stops at the ends.
 */
export function stepThrough(index: LibraryIndex, matches: Int32Array, currentId: string | null, step: number): string | null {
  const row = currentId === null ? undefined : index.indexById.get(currentId)
  const next = stepPosition(matches.length, row === undefined ? -1 : matches.indexOf(row), step)
  return next === -1 ? null : index.rows[matches[next]].id
}

/**
 * The position `step` places from `at` in a list of `length`: from the top
 * going down (the bottom going up) when `at` is -1, stopping at the ends; -1
 * for an empty list. The Cards and Stories lists both walk this way.
 */
export function stepPosition(length: number, at: number, step: number): number {
  if (length === 0) return -1
  return at === -1 ? (step > 0 ? 0 : length - 1) : Math.min(length - 1, Math.max(0, at + step))
}

/** Where a card sits in the listed order, or -1. */
export function positionOf(index: LibraryIndex, matches: Int32Array, id: string | null): number {
  if (id === null) return -1
  const row = index.indexById.get(id)
  return row === undefined ? -1 : matches.indexOf(row)
}
