// Column arrays over the light card rows, built once per library change so a
// keystroke or a facet click is one pass over typed arrays with no per-row
// allocation. Topics, providers and types are interned to small integers.
import type { CardRow } from '../../db/database'

export type SortKey = 'newest' | 'oldest' | 'quality' | 'heat'
export const SORT_KEYS: readonly SortKey[] = ['newest', 'oldest', 'quality', 'heat']

export interface Interned {
  /** Display names, by id: the first spelling seen. */
  names: string[]
  /** Lower-cased name -> id. */
  idByKey: Map<string, number>
}

export interface LibraryIndex {
  /** Row slots, removed ones included: the length of every per-row array. */
  size: number
  /** Cards in the library: size minus removed slots. */
  liveCount: number
  /** 1 for a slot whose card left the library since the last full build (skipped everywhere); null when none. */
  removed: Uint8Array | null
  rows: CardRow[]
  indexById: Map<string, number>
  topics: Interned
  /** CSR layout: the topics of row i are topicList[topicStart[i] .. topicStart[i+1]). */
  topicStart: Int32Array
  topicList: Int32Array
  providers: Interned
  providerOf: Int32Array
  /** Lower-cased provider domain per row, so `provider:` also matches a domain. */
  domainOf: string[]
  types: Interned
  typeOf: Int32Array
  /** NaN where the card has no value. */
  publishedAt: Float64Array
  quality: Float64Array
  heat: Float64Array
  /** Any of a card's canonical URLs -> its row index. */
  rowByUrl: Map<string, number>
  /** Sort orders, computed on first use (removed slots may remain in them). */
  orders: Map<SortKey, Int32Array>
}

export const UNKNOWN_PROVIDER = 'Unknown provider'

export function intern(table: Interned, name: string): number {
  const key = name.toLowerCase()
  const found = table.idByKey.get(key)
  if (found !== undefined) return found
  const id = table.names.length
  table.names.push(name)
  table.idByKey.set(key, id)
  return id
}

export function providerLabel(row: Pick<CardRow, 'providerName' | 'providerDomain'>): string {
  return row.providerName.trim() || row.providerDomain.trim() || UNKNOWN_PROVIDER
}

export const numberOrNaN = (value: number | null | undefined): number => (typeof value === 'number' && Number.isFinite(value) ? value : NaN)

/** The interned topic ids of a row, blank topics left out. */
export function topicIdsOf(table: Interned, row: CardRow): number[] {
  const ids: number[] = []
  for (const topic of row.topics) {
    const name = topic.trim()
    if (name) ids.push(intern(table, name))
  }
  return ids
}

export function buildLibraryIndex(source: Iterable<CardRow>): LibraryIndex {
  const rows = Array.from(source)
  const size = rows.length
  const topics: Interned = { names: [], idByKey: new Map() }
  const providers: Interned = { names: [], idByKey: new Map() }
  const types: Interned = { names: [], idByKey: new Map() }
  const indexById = new Map<string, number>()
  const rowByUrl = new Map<string, number>()
  const topicStart = new Int32Array(size + 1)
  const topicIds: number[] = []
  const providerOf = new Int32Array(size)
  const domainOf: string[] = new Array(size)
  const domains = new Map<string, string>()
  const typeOf = new Int32Array(size)
  const publishedAt = new Float64Array(size)
  const quality = new Float64Array(size)
  const heat = new Float64Array(size)

  for (let i = 0; i < size; i++) {
    const row = rows[i]
    indexById.set(row.id, i)
    for (const url of row.urls) if (!rowByUrl.has(url)) rowByUrl.set(url, i)
    topicStart[i] = topicIds.length
    for (const id of topicIdsOf(topics, row)) topicIds.push(id)
    providerOf[i] = intern(providers, providerLabel(row))
    const domain = row.providerDomain.toLowerCase()
    let shared = domains.get(domain)
    if (shared === undefined) domains.set(domain, (shared = domain))
    domainOf[i] = shared
    typeOf[i] = intern(types, row.type || 'article')
    publishedAt[i] = numberOrNaN(row.publishedAtMs)
    quality[i] = numberOrNaN(row.quality)
    heat[i] = numberOrNaN(row.heat)
  }
  topicStart[size] = topicIds.length

  return {
    size,
    liveCount: size,
    removed: null,
    rows,
    indexById,
    topics,
    topicStart,
    topicList: Int32Array.from(topicIds),
    providers,
    providerOf,
    domainOf,
    types,
    typeOf,
    publishedAt,
    quality,
    heat,
    rowByUrl,
    orders: new Map()
  }
}

/** Descending by `values`, missing values last, then newest first, then by id for a stable order. */
export function descendingBy(index: LibraryIndex, values: Float64Array): (a: number, b: number) => number {
  const { publishedAt, rows } = index
  return (a, b) => {
    const va = values[a]
    const vb = values[b]
    if (va !== vb && !(Number.isNaN(va) && Number.isNaN(vb))) {
      if (Number.isNaN(va)) return 1
      if (Number.isNaN(vb)) return -1
      return vb - va
    }
    const pa = publishedAt[a]
    const pb = publishedAt[b]
    if (pa !== pb && !(Number.isNaN(pa) && Number.isNaN(pb))) {
      if (Number.isNaN(pa)) return 1
      if (Number.isNaN(pb)) return -1
      return pb - pa
    }
    return rows[a].id < rows[b].id ? -1 : rows[a].id > rows[b].id ? 1 : 0
  }
}

/** The column a stored sort order is by. */
export function sortColumn(index: LibraryIndex, sort: Exclude<SortKey, 'oldest'>): Float64Array {
  return sort === 'newest' ? index.publishedAt : sort === 'quality' ? index.quality : index.heat
}

/** Row indexes in the given order, computed once per index and kept. */
export function sortedOrder(index: LibraryIndex, sort: SortKey): Int32Array {
  const cached = index.orders.get(sort)
  if (cached) return cached
  let order: Int32Array
  if (sort === 'oldest') {
    const newest = sortedOrder(index, 'newest')
    // Oldest first, but cards without a date stay at the end.
    let dated = newest.length
    while (dated > 0 && Number.isNaN(index.publishedAt[newest[dated - 1]])) dated--
    order = new Int32Array(newest.length)
    for (let k = 0; k < dated; k++) order[k] = newest[dated - 1 - k]
    order.set(newest.subarray(dated), dated)
  } else {
    order = new Int32Array(index.size)
    for (let i = 0; i < order.length; i++) order[i] = i
    order.sort(descendingBy(index, sortColumn(index, sort)))
  }
  index.orders.set(sort, order)
  return order
}

/** Read and star flags per row, rebuilt when marks change. */
export interface StateFlags {
  read: Uint8Array
  starred: Uint8Array
  unread: number
  starredCount: number
}

export interface StateLookup {
  get(id: string): { read: boolean; starred: boolean } | undefined
}

export function buildStateFlags(index: LibraryIndex, states: StateLookup): StateFlags {
  const read = new Uint8Array(index.size)
  const starred = new Uint8Array(index.size)
  let unread = 0
  let starredCount = 0
  const { removed } = index
  for (let i = 0; i < index.size; i++) {
    if (removed?.[i]) continue
    const state = states.get(index.rows[i].id)
    if (state?.read) read[i] = 1
    else unread++
    if (state?.starred) {
      starred[i] = 1
      starredCount++
    }
  }
  return { read, starred, unread, starredCount }
}
