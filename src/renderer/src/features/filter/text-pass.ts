// Which rows the free-text terms let through, as one byte per row. Typing
// usually narrows the previous search ("vac" -> "vacc"), and a row the shorter
// text ruled out stays ruled out, so only the rows that passed last time are
// searched again: each keystroke scans fewer haystacks than the one before.
import type { LibraryIndex } from './library-index'

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

export function textPass(index: LibraryIndex, include: string[], exclude: string[]): Uint8Array {
  const previous = lastPass.get(index)
  if (previous && previous.include.join('\n') === include.join('\n') && previous.exclude.join('\n') === exclude.join('\n')) return previous.pass
  const reuse = previous !== undefined && narrows(previous, include, exclude) ? previous.pass : null
  const pass = new Uint8Array(index.size)
  const { rows } = index
  for (let i = 0; i < rows.length; i++) {
    if (reuse && !reuse[i]) continue
    const haystack = rows[i].searchText
    let ok = 1
    for (let k = 0; k < include.length && ok; k++) if (!haystack.includes(include[k])) ok = 0
    for (let k = 0; k < exclude.length && ok; k++) if (haystack.includes(exclude[k])) ok = 0
    pass[i] = ok
  }
  lastPass.set(index, { include: [...include], exclude: [...exclude], pass })
  return pass
}
