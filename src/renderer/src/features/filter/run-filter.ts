// One pass over the index gives both the matching rows and every facet
// count; the rows are then put in sort order. Facet counts are disjunctive: a topic's count
// applies every filter except the topic selection itself, so ticking a second
// topic widens the list by exactly the number shown beside it.
// Over 300 lines for a reason: the compiled query and the pass share the
// filter bits, and the pass must stay one loop with no per-row calls.
import { parseDateStart, type ParsedQuery, type QualityOp } from '../search/parse-query'
import { sortedOrder, type LibraryIndex, type SortKey, type StateFlags } from './library-index'
import { byBestMatch } from './best-match'
import { OWN_MATCH, textPass } from './text-pass'

/** The list's orders: the stored sorts, and "best" (by where the search words match) while searching. */
export type ListSort = SortKey | 'best'

export interface FilterState {
  topics: string[]
  providers: string[]
  types: string[]
  unreadOnly: boolean
  starredOnly: boolean
  /** Inclusive local dates, YYYY-MM-DD, as a date input gives them. */
  from: string | null
  to: string | null
  qualityMin: number | null
  qualityMax: number | null
}

export const EMPTY_FILTERS: FilterState = {
  topics: [],
  providers: [],
  types: [],
  unreadOnly: false,
  starredOnly: false,
  from: null,
  to: null,
  qualityMin: null,
  qualityMax: null
}

export function hasActiveFilters(filters: FilterState): boolean {
  return (
    filters.topics.length > 0 ||
    filters.providers.length > 0 ||
    filters.types.length > 0 ||
    filters.unreadOnly ||
    filters.starredOnly ||
    filters.from !== null ||
    filters.to !== null ||
    filters.qualityMin !== null ||
    filters.qualityMax !== null
  )
}

export interface FilterResult {
  /** Matching row indexes, in sort order. */
  matches: Int32Array
  /** How many rows match; equals matches.length unless only counting. */
  total: number
  topicCounts: Int32Array
  providerCounts: Int32Array
  typeCounts: Int32Array
  /** Unread among the matches (what the unread toggle would show). */
  unreadCount: number
  starredCount: number
  /** With search words: the cards matching them anywhere (related titles included), and those matching in the card itself. */
  textMatches: { all: number; own: number }
}

const BASE = 1
const TOPIC = 2
const PROVIDER = 4
const TYPE = 8
const UNREAD = 16
const STARRED = 32
const STATE = 64
/** Bits a card keeps passing while it is open, so reading it doesn't pull it out from under the reader. */
const STICKY = UNREAD | STARRED | STATE

interface ProviderTerm {
  provider: number
  domain: string
  negate: boolean
}

interface IdTerm {
  id: number
  negate: boolean
}

interface QualityTerm {
  op: QualityOp
  value: number
  negate: boolean
}

interface CompiledFilter {
  include: string[]
  exclude: string[]
  topicTerms: IdTerm[]
  providerTerms: ProviderTerm[]
  typeTerms: IdTerm[]
  qualityTerms: QualityTerm[]
  /** Date bounds from the query and the date range, merged: publishedAt in [minDate, maxDate). */
  minDate: number
  maxDate: number
  /** Excluded date windows from `-before:` / `-after:`. */
  negatedBefore: number[]
  negatedAfter: number[]
  qualityMin: number
  qualityMax: number
  /** 1 must be read, 0 must be unread, -1 either. Same for starred. */
  wantRead: number
  wantStarred: number
  /** Both `is:read` and `is:unread`: nothing can match. */
  impossible: boolean
  selectedTopics: Uint8Array | null
  selectedProviders: Uint8Array | null
  selectedTypes: Uint8Array | null
}

function selection(names: string[], idByKey: Map<string, number>, count: number): Uint8Array | null {
  if (names.length === 0) return null
  const selected = new Uint8Array(count)
  for (const name of names) {
    const id = idByKey.get(name.toLowerCase())
    if (id !== undefined) selected[id] = 1
  }
  return selected
}

function compile(index: LibraryIndex, query: ParsedQuery, filters: FilterState): CompiledFilter {
  const compiled: CompiledFilter = {
    include: [],
    exclude: [],
    topicTerms: [],
    providerTerms: [],
    typeTerms: [],
    qualityTerms: [],
    minDate: -Infinity,
    maxDate: Infinity,
    negatedBefore: [],
    negatedAfter: [],
    qualityMin: filters.qualityMin ?? -Infinity,
    qualityMax: filters.qualityMax ?? Infinity,
    wantRead: -1,
    wantStarred: -1,
    impossible: false,
    selectedTopics: selection(filters.topics, index.topics.idByKey, index.topics.names.length),
    selectedProviders: selection(filters.providers, index.providers.idByKey, index.providers.names.length),
    selectedTypes: selection(filters.types, index.types.idByKey, index.types.names.length)
  }
  const from = filters.from ? parseDateStart(filters.from) : null
  if (from !== null) compiled.minDate = from
  const to = filters.to ? parseDateStart(filters.to) : null
  if (to !== null) compiled.maxDate = to + 24 * 60 * 60 * 1000

  const want = (current: number, value: number): number => {
    if (current !== -1 && current !== value) compiled.impossible = true
    return value
  }
  for (const term of query.terms) {
    switch (term.kind) {
      case 'text':
        ;(term.negate ? compiled.exclude : compiled.include).push(term.value)
        break
      case 'topic':
        compiled.topicTerms.push({ id: index.topics.idByKey.get(term.value) ?? -1, negate: term.negate })
        break
      case 'type':
        compiled.typeTerms.push({ id: index.types.idByKey.get(term.value) ?? -1, negate: term.negate })
        break
      case 'provider':
        compiled.providerTerms.push({ provider: index.providers.idByKey.get(term.value) ?? -1, domain: term.value, negate: term.negate })
        break
      case 'quality':
        compiled.qualityTerms.push({ op: term.op, value: term.value, negate: term.negate })
        break
      case 'before':
        if (term.negate) compiled.negatedBefore.push(term.value)
        else compiled.maxDate = Math.min(compiled.maxDate, term.value)
        break
      case 'after':
        if (term.negate) compiled.negatedAfter.push(term.value)
        else compiled.minDate = Math.max(compiled.minDate, term.value)
        break
      case 'is': {
        const positive = term.value === 'read' || term.value === 'starred'
        const value = positive !== term.negate ? 1 : 0
        if (term.value === 'read' || term.value === 'unread') compiled.wantRead = want(compiled.wantRead, value)
        else compiled.wantStarred = want(compiled.wantStarred, value)
        break
      }
    }
  }
  return compiled
}

export function compareQuality(actual: number, op: QualityOp, value: number): boolean {
  switch (op) {
    case '>':
      return actual > value
    case '<':
      return actual < value
    case '>=':
      return actual >= value
    case '<=':
      return actual <= value
    case '=':
      return actual === value
  }
}

function passesBase(index: LibraryIndex, c: CompiledFilter, i: number): boolean {
  const date = index.publishedAt[i]
  if (c.minDate !== -Infinity || c.maxDate !== Infinity) {
    if (Number.isNaN(date) || date < c.minDate || date >= c.maxDate) return false
  }
  for (const at of c.negatedBefore) if (!Number.isNaN(date) && date < at) return false
  for (const at of c.negatedAfter) if (!Number.isNaN(date) && date >= at) return false

  const quality = index.quality[i]
  if (c.qualityMin !== -Infinity || c.qualityMax !== Infinity) {
    if (Number.isNaN(quality) || quality < c.qualityMin || quality > c.qualityMax) return false
  }
  for (const term of c.qualityTerms) {
    const hit = !Number.isNaN(quality) && compareQuality(quality, term.op, term.value)
    if (hit === term.negate) return false
  }
  if (c.topicTerms.length > 0) {
    const start = index.topicStart[i]
    const end = index.topicStart[i + 1]
    for (const term of c.topicTerms) {
      let hit = false
      for (let k = start; k < end; k++) if (index.topicList[k] === term.id) hit = true
      if (hit === term.negate) return false
    }
  }
  for (const term of c.providerTerms) {
    const hit = index.providerOf[i] === term.provider || index.domainOf[i] === term.domain
    if (hit === term.negate) return false
  }
  for (const term of c.typeTerms) {
    if ((index.typeOf[i] === term.id) === term.negate) return false
  }
  return true
}

function hasTopic(index: LibraryIndex, selected: Uint8Array, i: number): boolean {
  for (let k = index.topicStart[i]; k < index.topicStart[i + 1]; k++) if (selected[index.topicList[k]]) return true
  return false
}

const twoOrMoreBits = (mask: number): boolean => (mask & (mask - 1)) !== 0

export interface FilterOptions {
  /** 'best' ranks by where the search words match (newest first without search words). */
  sort: ListSort
  /** Only cards whose own title or excerpt holds every search word, not only a related title. */
  ownOnly?: boolean
  /** Row index of the open card: it stays listed while read or star state changes. */
  keepRow?: number
  /** Skip the facet counts and the match list; only count. */
  countOnly?: boolean
}

export function runFilter(index: LibraryIndex, flags: StateFlags, query: ParsedQuery, filters: FilterState, options: FilterOptions): FilterResult {
  const c = compile(index, query, filters)
  const countOnly = options.countOnly === true
  const keepRow = options.keepRow ?? -1
  const topicCounts = new Int32Array(countOnly ? 0 : index.topics.names.length)
  const providerCounts = new Int32Array(countOnly ? 0 : index.providers.names.length)
  const typeCounts = new Int32Array(countOnly ? 0 : index.types.names.length)
  const out = new Int32Array(countOnly || c.impossible ? 0 : index.size)
  let matched = 0
  let total = 0
  let unreadCount = 0
  let starredCount = 0
  const textMatches = { all: 0, own: 0 }
  if (c.impossible) return { matches: out, total, topicCounts, providerCounts, typeCounts, unreadCount, starredCount, textMatches }

  const order = sortedOrder(index, options.sort === 'best' ? 'newest' : options.sort)
  const text = c.include.length > 0 || c.exclude.length > 0 ? textPass(index, c.include, c.exclude) : null
  const ownOnly = options.ownOnly === true && text !== null && c.include.length > 0
  const { read, starred } = flags
  const { removed } = index
  // With no date, quality, topic, provider or type term, every row passes the base test: skip a call per row.
  const baseTerms =
    c.minDate !== -Infinity ||
    c.maxDate !== Infinity ||
    c.negatedBefore.length + c.negatedAfter.length + c.qualityTerms.length + c.topicTerms.length + c.providerTerms.length + c.typeTerms.length > 0 ||
    c.qualityMin !== -Infinity ||
    c.qualityMax !== Infinity

  // Rows are tested in slot order, which reads every column front to back, and the listed ones are then taken in
  // sort order from a byte per row: walking the columns in date order missed the cache on each (~20 ms at 100k).
  const listed = countOnly ? null : new Uint8Array(index.size)
  for (let i = 0; i < index.size; i++) {
    if (removed !== null && removed[i]) continue
    let mask = 0
    if (c.selectedTopics && !hasTopic(index, c.selectedTopics, i)) mask |= TOPIC
    if (c.selectedProviders && !c.selectedProviders[index.providerOf[i]]) mask |= PROVIDER
    if (c.selectedTypes && !c.selectedTypes[index.typeOf[i]]) mask |= TYPE
    if (filters.unreadOnly && read[i]) mask |= UNREAD
    if (filters.starredOnly && !starred[i]) mask |= STARRED
    if ((c.wantRead !== -1 && read[i] !== c.wantRead) || (c.wantStarred !== -1 && starred[i] !== c.wantStarred)) mask |= STATE
    if (i === keepRow) mask &= ~STICKY
    if (twoOrMoreBits(mask)) continue
    if ((text !== null && !text[i]) || (baseTerms && !passesBase(index, c, i))) {
      if (mask !== 0) continue
      mask = BASE
    } else {
      const own = text === null || (text[i] & OWN_MATCH) !== 0
      if (mask === 0) {
        textMatches.all++
        if (own) textMatches.own++
      }
      // Narrowed to the card itself: a related-only match fails like any other filter.
      if (ownOnly && !own) {
        if (mask !== 0) continue
        mask = BASE
      }
    }

    if (mask === 0) {
      if (!read[i]) unreadCount++
      if (starred[i]) starredCount++
      total++
      if (listed === null) continue
      listed[i] = 1
      for (let t = index.topicStart[i]; t < index.topicStart[i + 1]; t++) topicCounts[index.topicList[t]]++
      providerCounts[index.providerOf[i]]++
      typeCounts[index.typeOf[i]]++
    } else if (countOnly) {
      continue
    } else if (mask === TOPIC) {
      for (let t = index.topicStart[i]; t < index.topicStart[i + 1]; t++) topicCounts[index.topicList[t]]++
    } else if (mask === PROVIDER) {
      providerCounts[index.providerOf[i]]++
    } else if (mask === TYPE) {
      typeCounts[index.typeOf[i]]++
    }
    // A card failing only the unread (or starred) toggle is read (or unstarred), so it adds to neither count.
  }
  if (listed !== null) for (let k = 0; k < order.length; k++) if (listed[order[k]]) out[matched++] = order[k]
  const matches = options.sort === 'best' && text !== null ? byBestMatch(out.subarray(0, matched), text) : out.slice(0, matched)
  return { matches, total, topicCounts, providerCounts, typeCounts, unreadCount, starredCount, textMatches }
}
