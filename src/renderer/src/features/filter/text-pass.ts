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
  /** Per include term, where it is first found in each row the pass lets through (stale elsewhere). */
  at: Int32Array[]
}

/**
 * Where a narrower term's search in a row may start: an include term that holds an earlier term (at `offset`)
 * can first occur no sooner than `offset` before that term's first place in the row ("secu" in a row is never
 * before its "sec"). Typing a word one letter at a time then skips the part of each haystack already searched.
 */
interface StartHint {
  at: Int32Array
  offset: number
}

const lastPass = new WeakMap<LibraryIndex, TextPass>()

/** True when every row the new terms let through was also let through by the old ones. */
function narrows(previous: TextPass, include: string[], exclude: string[]): boolean {
  return previous.include.every((old) => include.some((term) => term.includes(old))) && previous.exclude.every((old) => exclude.includes(old))
}

/** Each include term's start hint from the previous pass's terms: the longest one it holds, or none. */
function startHints(previous: TextPass, include: readonly string[]): Array<StartHint | null> {
  return include.map((term) => {
    let hint: StartHint | null = null
    let longest = -1
    previous.include.forEach((old, k) => {
      const offset = term.indexOf(old)
      if (offset !== -1 && old.length > longest) {
        hint = { at: previous.at[k], offset }
        longest = old.length
      }
    })
    return hint
  })
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
 * Where each row's title and excerpt end in its haystack, two slots a row (the excerpt's 0 until known: once
 * known it is past the title's newline), kept per index and carried across patches: reading a row's title and
 * excerpt for every passing row cost a cache miss each at 100k rows.
 */
const partEndsOf = new WeakMap<LibraryIndex, Int32Array>()

function partEnds(index: LibraryIndex): Int32Array {
  let ends = partEndsOf.get(index)
  if (ends === undefined) partEndsOf.set(index, (ends = new Int32Array(index.size * 2)))
  return ends
}

/** The pass byte of the row in `slot`, whose include terms were first found at at[k][slot]. */
function rankOf(row: CardRow, haystack: string, include: readonly string[], at: readonly Int32Array[], slot: number, ends: Int32Array): number {
  if (include.length === 0) return 1
  let titleEnd = ends[slot * 2]
  let excerptEnd = ends[slot * 2 + 1]
  if (excerptEnd === 0) {
    titleEnd = ends[slot * 2] = partEnd(haystack, 0, row.title)
    excerptEnd = ends[slot * 2 + 1] = partEnd(haystack, titleEnd + 1, row.excerpt)
  }
  let inTitle = 0
  let inCard = 0
  for (let k = 0; k < include.length; k++) {
    const end = at[k][slot] + include[k].length
    if (end <= titleEnd) inTitle++
    if (end <= excerptEnd) inCard++
  }
  // A card holding every word itself outranks one that needs a related title for some.
  const own = inCard === include.length
  const rank = 1 + (own ? 64 : 0) + Math.min(62, inTitle * (include.length + 1) + inCard)
  return own ? rank | OWN_MATCH : rank
}

/**
 * The pass byte of the row in `slot`: 0 unless it holds every include term and no exclude term. One scan of the
 * haystack per term both lets the row through and ranks it (a second indexOf per term was most of a matching
 * row's cost), and only the first place counts: an earlier one is in the title or the excerpt if any is.
 */
function passByte(
  row: CardRow,
  slot: number,
  include: readonly string[],
  exclude: readonly string[],
  at: readonly Int32Array[],
  hints: ReadonlyArray<StartHint | null> | null,
  ends: Int32Array
): number {
  const haystack = row.searchText
  for (let k = 0; k < include.length; k++) {
    const hint = hints === null ? null : hints[k]
    const found = haystack.indexOf(include[k], hint === null ? 0 : Math.max(0, hint.at[slot] - hint.offset))
    if (found === -1) return 0
    at[k][slot] = found
  }
  for (let k = 0; k < exclude.length; k++) if (haystack.includes(exclude[k])) return 0
  return rankOf(row, haystack, include, at, slot, ends)
}

export function textPass(index: LibraryIndex, include: string[], exclude: string[]): Uint8Array {
  const previous = lastPass.get(index)
  if (previous && previous.include.join('\n') === include.join('\n') && previous.exclude.join('\n') === exclude.join('\n')) return previous.pass
  const reuse = previous !== undefined && narrows(previous, include, exclude) ? previous : null
  const hints = reuse === null ? null : startHints(reuse, include)
  const pass = new Uint8Array(index.size)
  const at = include.map(() => new Int32Array(index.size))
  const { rows } = index
  const ends = partEnds(index)
  for (let i = 0; i < rows.length; i++) {
    if (reuse && !reuse.pass[i]) continue
    pass[i] = passByte(rows[i], i, include, exclude, at, hints, ends)
  }
  lastPass.set(index, { include: [...include], exclude: [...exclude], pass, at })
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
  const kept = Math.min(last.pass.length, next.size)
  const pass = new Uint8Array(next.size)
  pass.set(last.pass.subarray(0, kept))
  const at = last.at.map((positions) => {
    const grown = new Int32Array(next.size)
    grown.set(positions.subarray(0, kept))
    return grown
  })
  const lastEnds = partEndsOf.get(previous)
  const ends = partEnds(next)
  if (lastEnds !== undefined) ends.set(lastEnds.subarray(0, kept * 2))
  for (const slot of touched) {
    ends[slot * 2] = ends[slot * 2 + 1] = 0
    pass[slot] = passByte(next.rows[slot], slot, last.include, last.exclude, at, null, ends)
  }
  lastPass.set(next, { include: last.include, exclude: last.exclude, pass, at })
}
