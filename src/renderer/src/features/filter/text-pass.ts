// Which rows the free-text terms let through, and how well, as one byte per
// row. Typing usually narrows the previous search ("vac" -> "vacc"), and a
// row the shorter text ruled out stays ruled out, so only the rows that passed
// last time are searched again: each keystroke scans fewer haystacks than the
// one before.
//
// A row's haystack is its title, excerpt and related titles (see
// searchTextOf). Where a word is found ranks the row: in the title, then in
// the excerpt, then only in a related title (another outlet's headline that
// the card merely lists).
import type { CardRow } from '../../db/database'
import type { LibraryIndex } from './library-index'

/** Set in a pass byte when every searched word is in the card itself (title or excerpt). */
export const OWN_MATCH = 0x80
/** The rest of a pass byte: 0 when the row does not match, else its rank, 1 (related titles only) to 127. */
export const MATCH_RANK = 0x7f

interface TextPass {
  include: string[]
  exclude: string[]
  pass: Uint8Array
}

const lastPass = new WeakMap<LibraryIndex, TextPass>()

/** True when every row the new terms let through was also let through by the old ones. */
function narrows(previous: TextPass, include: string[], exclude: string[]): boolean {
  return previous.include.every((old) => include.some((term) => term.includes(old))) && previous.exclude.every((old) => exclude.includes(old))
}

/** Where a part of the haystack ends: its length, unless lower-casing changed it (rare letters such as İ). */
function partEnd(haystack: string, start: number, part: string | undefined): number {
  const text = typeof part === 'string' ? part : ''
  const end = start + text.length
  const next = haystack.charCodeAt(end)
  if (end === haystack.length || next === 10) return end
  return start + text.toLowerCase().length
}

/**
 * Where each include term is first found in the row being passed. One scan of the haystack per term both
 * lets the row through and ranks it (a second indexOf per term was most of a matching row's cost), and
 * only the first position counts: an earlier one is in the title or the excerpt if any is.
 */
let firstAt = new Int32Array(8)

/** The pass byte of a row whose include terms were first found at `firstAt`. */
function rankOf(row: CardRow, haystack: string, include: readonly string[]): number {
  if (include.length === 0) return 1
  const titleEnd = partEnd(haystack, 0, row.title)
  const excerptEnd = partEnd(haystack, titleEnd + 1, row.excerpt)
  let inTitle = 0
  let inCard = 0
  for (let k = 0; k < include.length; k++) {
    const end = firstAt[k] + include[k].length
    if (end <= titleEnd) inTitle++
    if (end <= excerptEnd) inCard++
  }
  // A card holding every word itself outranks one that needs a related title for some.
  const own = inCard === include.length
  const rank = 1 + (own ? 64 : 0) + Math.min(62, inTitle * (include.length + 1) + inCard)
  return own ? rank | OWN_MATCH : rank
}

/** The pass byte of one row: 0 unless it holds every include term and no exclude term. */
function passByte(row: CardRow, include: readonly string[], exclude: readonly string[]): number {
  const haystack = row.searchText
  if (firstAt.length < include.length) firstAt = new Int32Array(include.length)
  for (let k = 0; k < include.length; k++) {
    const at = haystack.indexOf(include[k])
    if (at === -1) return 0
    firstAt[k] = at
  }
  for (let k = 0; k < exclude.length; k++) if (haystack.includes(exclude[k])) return 0
  return rankOf(row, haystack, include)
}

export function textPass(index: LibraryIndex, include: string[], exclude: string[]): Uint8Array {
  const previous = lastPass.get(index)
  if (previous && previous.include.join('\n') === include.join('\n') && previous.exclude.join('\n') === exclude.join('\n')) return previous.pass
  const reuse = previous !== undefined && narrows(previous, include, exclude) ? previous.pass : null
  const pass = new Uint8Array(index.size)
  const { rows } = index
  for (let i = 0; i < rows.length; i++) {
    if (reuse && !reuse[i]) continue
    pass[i] = passByte(rows[i], include, exclude)
  }
  lastPass.set(index, { include: [...include], exclude: [...exclude], pass })
  return pass
}

/**
 * Hands the last pass of `previous` on to `next`, an index patched from it, so a search
 * running while a sync streams rows in costs the new and rewritten rows (`touched`), not
 * every row again. Untouched slots hold the same row in both, so their bytes still hold.
 */
export function carryTextPass(previous: LibraryIndex, next: LibraryIndex, touched: readonly number[]): void {
  const last = lastPass.get(previous)
  if (last === undefined || lastPass.has(next)) return
  const pass = new Uint8Array(next.size)
  pass.set(last.pass.subarray(0, Math.min(last.pass.length, next.size)))
  for (const slot of touched) pass[slot] = passByte(next.rows[slot], last.include, last.exclude)
  lastPass.set(next, { include: last.include, exclude: last.exclude, pass })
}
