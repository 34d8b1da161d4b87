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

/** The per-row columns: one writer (writeRowColumns) fills them for a full build and a patch alike. */
export interface RowColumns {
  topics: Interned
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
}

/** Topics in CSR layout: the topics of row i are topicList[topicStart[i] .. topicStart[i+1]). */
export interface TopicLists {
  topicStart: Int32Array
  topicList: Int32Array
}

export interface LibraryIndex extends RowColumns, TopicLists {
  /** Row slots, removed ones included: the length of every per-row array. */
  size: number
  /** Cards in the library: size minus removed slots. */
  liveCount: number
  /** 1 for a slot whose card left the library since the last full build (skipped everywhere); null when none. */
  removed: Uint8Array | null
  rows: CardRow[]
  /**
   * Card id -> row slot. Shared by an index and the ones patched from it (a patch adds and deletes ids in
   * place instead of copying 100k entries), so an older index may answer a slot at or past its own `size`
   * for a card added since, and no slot for one removed since: check the slot against `size`.
   */
  indexById: Map<string, number>
  /** Sort orders, computed on first use (removed slots may remain in them). */
  orders: Map<SortKey, Int32Array>
}

export const UNKNOWN_PROVIDER = 'Unknown provider'

function intern(table: Interned, name: string): number {
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

const numberOrNaN = (value: number | null | undefined): number => (typeof value === 'number' && Number.isFinite(value) ? value : NaN)

/** The interned topic ids of a row, blank topics left out. */
export function topicIdsOf(table: Interned, row: CardRow): number[] {
  const ids: number[] = []
  for (const topic of row.topics) {
    const name = topic.trim()
    if (name) ids.push(intern(table, name))
  }
  return ids
}

/**
 * Writes one row into its slot of every per-row column. Returns whether a sort key of the slot moved,
 * so a patch knows whether its stored orders still hold. `domains` shares one string per domain.
 */
export function writeRowColumns(columns: RowColumns, slot: number, row: CardRow, domains: Map<string, string>): boolean {
  columns.providerOf[slot] = intern(columns.providers, providerLabel(row))
  columns.typeOf[slot] = intern(columns.types, row.type || 'article')
  const domain = row.providerDomain.toLowerCase()
  let shared = domains.get(domain)
  if (shared === undefined) domains.set(domain, (shared = domain))
  columns.domainOf[slot] = shared
  const { publishedAt, quality, heat } = columns
  const at = numberOrNaN(row.publishedAtMs)
  const q = numberOrNaN(row.quality)
  const h = numberOrNaN(row.heat)
  const moved = !(Object.is(at, publishedAt[slot]) && Object.is(q, quality[slot]) && Object.is(h, heat[slot]))
  publishedAt[slot] = at
  quality[slot] = q
  heat[slot] = h
  return moved
}

/** Packs each slot's topic ids (pushed by `topicIdsOf` into the list given) into the CSR layout. */
export function packTopics(size: number, pushTopicIds: (slot: number, into: number[]) => void): TopicLists {
  const topicStart = new Int32Array(size + 1)
  const topicIds: number[] = []
  for (let slot = 0; slot < size; slot++) {
    topicStart[slot] = topicIds.length
    pushTopicIds(slot, topicIds)
  }
  topicStart[size] = topicIds.length
  return { topicStart, topicList: Int32Array.from(topicIds) }
}

export function buildLibraryIndex(source: Iterable<CardRow>): LibraryIndex {
  const rows = Array.from(source)
  const size = rows.length
  const columns: RowColumns = {
    topics: { names: [], idByKey: new Map() },
    providers: { names: [], idByKey: new Map() },
    providerOf: new Int32Array(size),
    domainOf: new Array<string>(size),
    types: { names: [], idByKey: new Map() },
    typeOf: new Int32Array(size),
    publishedAt: new Float64Array(size),
    quality: new Float64Array(size),
    heat: new Float64Array(size)
  }
  const indexById = new Map<string, number>()
  const domains = new Map<string, string>()
  const topicLists = packTopics(size, (slot, into) => {
    const row = rows[slot]
    indexById.set(row.id, slot)
    for (const id of topicIdsOf(columns.topics, row)) into.push(id)
    writeRowColumns(columns, slot, row, domains)
  })
  return { ...columns, ...topicLists, size, liveCount: size, removed: null, rows, indexById, orders: new Map() }
}

/** Larger first, NaN last; 0 when equal (two NaNs included). */
function descending(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0
  if (Number.isNaN(a)) return 1
  if (Number.isNaN(b)) return -1
  return b - a
}

/** Descending by `values`, missing values last, then newest first, then by id for a stable order. */
export function descendingBy(index: LibraryIndex, values: Float64Array): (a: number, b: number) => number {
  const { publishedAt, rows } = index
  return (a, b) =>
    descending(values[a], values[b]) ||
    descending(publishedAt[a], publishedAt[b]) ||
    (rows[a].id < rows[b].id ? -1 : rows[a].id > rows[b].id ? 1 : 0)
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
  const flags: StateFlags = { read: new Uint8Array(index.size), starred: new Uint8Array(index.size), unread: 0, starredCount: 0 }
  const { removed } = index
  for (let i = 0; i < index.size; i++) if (!removed?.[i]) flagSlot(flags, i, states.get(index.rows[i].id))
  return flags
}

/** Sets a slot's flags, clear until now, from its card's mark, and counts it. */
export function flagSlot(flags: StateFlags, slot: number, state: { read: boolean; starred: boolean } | undefined): void {
  if (state?.read) flags.read[slot] = 1
  else flags.unread++
  if (state?.starred) {
    flags.starred[slot] = 1
    flags.starredCount++
  }
}
