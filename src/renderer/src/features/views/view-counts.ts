// Unread counts for the saved views, kept cheap while marks change: a view's
// cards are found once per library index (ignoring read and star state), and
// each mark then only re-counts that short list against the state flags.
import type { LibraryIndex, StateFlags } from '../filter/library-index'
import { runFilter, type FilterState } from '../filter/run-filter'
import type { ParsedQuery } from '../search/parse-query'

interface StateNeeds {
  /** `is:read` (or `-is:unread`): a view of read cards has no unread ones. */
  readOnly: boolean
  /** 1 starred only, 0 unstarred only, -1 either. */
  starred: number
}

interface Candidates {
  rows: Int32Array
  needs: StateNeeds
}

const cache = new WeakMap<LibraryIndex, Map<string, Candidates>>()

function stateNeeds(query: ParsedQuery, filters: FilterState): StateNeeds {
  let readOnly = false
  let starred = filters.starredOnly ? 1 : -1
  for (const term of query.terms) {
    if (term.kind !== 'is') continue
    const positive = term.value === 'read' || term.value === 'starred'
    const wants = positive !== term.negate
    if (term.value === 'read' || term.value === 'unread') readOnly ||= wants
    else if (starred !== -1 && starred !== (wants ? 1 : 0)) readOnly = true // starred and unstarred at once: nothing
    else starred = wants ? 1 : 0
  }
  return { readOnly, starred }
}

const keyOf = (query: ParsedQuery, filters: FilterState): string => JSON.stringify([query.terms, filters])

/** True when the view's cards are already found for this index, so counting is cheap. */
export function viewIsReady(index: LibraryIndex, query: ParsedQuery, filters: FilterState): boolean {
  return cache.get(index)?.has(keyOf(query, filters)) === true
}

function candidatesOf(index: LibraryIndex, query: ParsedQuery, filters: FilterState): Candidates {
  const key = keyOf(query, filters)
  let forIndex = cache.get(index)
  if (!forIndex) cache.set(index, (forIndex = new Map()))
  const known = forIndex.get(key)
  if (known) return known
  const stateless: ParsedQuery = { terms: query.terms.filter((term) => term.kind !== 'is'), errors: [] }
  const noFlags: StateFlags = { read: new Uint8Array(index.size), starred: new Uint8Array(index.size), unread: index.size, starredCount: 0 }
  const { matches } = runFilter(index, noFlags, stateless, { ...filters, unreadOnly: false, starredOnly: false }, { sort: 'newest' })
  const candidates = { rows: matches, needs: stateNeeds(query, filters) }
  forIndex.set(key, candidates)
  return candidates
}

/** How many unread cards a view (search + filters) holds right now. The first call per index does a full filter pass. */
export function unreadInView(index: LibraryIndex, flags: StateFlags, query: ParsedQuery, filters: FilterState): number {
  const { rows, needs } = candidatesOf(index, query, filters)
  if (needs.readOnly) return 0
  let unread = 0
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]
    if (flags.read[i]) continue
    if (needs.starred !== -1 && flags.starred[i] !== needs.starred) continue
    unread++
  }
  return unread
}
