// Keeps the index in step with the library without rebuilding 100k rows for
// a batch of a few: rewritten cards are patched in their slots, new cards are
// appended, removed cards leave an empty slot, and the sort orders are merged
// rather than re-sorted. A big change (or too many empty slots) rebuilds.
import type { CardRow } from '../../db/database'
import {
  buildLibraryIndex,
  descendingBy,
  packTopics,
  sortColumn,
  topicIdsOf,
  writeRowColumns,
  type Interned,
  type LibraryIndex,
  type RowColumns,
  type SortKey
} from './library-index'
import { carryTextPass } from './text-pass'

/**
 * A patch always costs less than a full build, which redoes the sort and (while searching) the text pass over
 * every row; past this many changed cards, or the index's own size, a build is about as quick.
 */
const MAX_PATCHED = 2000
const maxPatched = (index: LibraryIndex): number => Math.max(MAX_PATCHED, index.liveCount)
/** Rebuild once this share of the slots is empty. */
const MAX_REMOVED_SHARE = 0.1

const copyInterned = (table: Interned): Interned => ({ names: [...table.names], idByKey: new Map(table.idByKey) })

function grown<T extends Int32Array | Float64Array | Uint8Array>(source: T | null, size: number, make: (size: number) => T): T {
  const next = make(size)
  if (source) next.set(source.subarray(0, Math.min(source.length, size)))
  return next
}

const sameUrls = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((url, i) => url === b[i])

interface Delta {
  changed: number[]
  added: CardRow[]
  removed: number[]
}

/** What differs between the index and the rows, or null when it is too much to patch. */
function deltaOf(previous: LibraryIndex, source: ReadonlyMap<string, CardRow>): Delta | null {
  const limit = maxPatched(previous)
  const changed: number[] = []
  const added: CardRow[] = []
  let kept = 0
  for (const row of source.values()) {
    const slot = previous.indexById.get(row.id)
    if (slot === undefined) added.push(row)
    else {
      kept++
      if (previous.rows[slot] !== row) changed.push(slot)
    }
    if (changed.length + added.length > limit) return null
  }
  const removed: number[] = []
  if (kept < previous.liveCount) {
    for (const [id, slot] of previous.indexById) if (!source.has(id)) removed.push(slot)
  }
  return changed.length + added.length + removed.length > limit ? null : { changed, added, removed }
}

export function updateLibraryIndex(previous: LibraryIndex | null, source: ReadonlyMap<string, CardRow>): LibraryIndex {
  if (previous === null) return buildLibraryIndex(source.values())
  const delta = deltaOf(previous, source)
  if (delta === null) return buildLibraryIndex(source.values())
  const { changed, added, removed } = delta
  if (changed.length === 0 && added.length === 0 && removed.length === 0) return previous
  const emptySlots = previous.size - previous.liveCount + removed.length
  if (emptySlots > (previous.size + added.length) * MAX_REMOVED_SHARE) return buildLibraryIndex(source.values())

  const size = previous.size + added.length
  const rows = previous.rows.slice()
  const touched: number[] = []
  for (const slot of changed) {
    rows[slot] = source.get(previous.rows[slot].id)!
    touched.push(slot)
  }
  for (const row of added) {
    touched.push(rows.length)
    rows.push(row)
  }

  const columns: RowColumns = {
    topics: copyInterned(previous.topics),
    providers: copyInterned(previous.providers),
    providerOf: grown(previous.providerOf, size, (n) => new Int32Array(n)),
    domainOf: previous.domainOf.slice(),
    types: copyInterned(previous.types),
    typeOf: grown(previous.typeOf, size, (n) => new Int32Array(n)),
    publishedAt: grown(previous.publishedAt, size, (n) => new Float64Array(n)),
    quality: grown(previous.quality, size, (n) => new Float64Array(n)),
    heat: grown(previous.heat, size, (n) => new Float64Array(n))
  }
  const removedSlots = grown(previous.removed, size, (n) => new Uint8Array(n))
  const newTopics = new Map<number, number[]>()
  const domains = new Map<string, string>()
  let keysMoved = added.length > 0

  for (const slot of touched) {
    const row = rows[slot]
    newTopics.set(slot, topicIdsOf(columns.topics, row))
    if (writeRowColumns(columns, slot, row, domains) && slot < previous.size) keysMoved = true
  }
  for (const slot of removed) {
    removedSlots[slot] = 1
    newTopics.set(slot, [])
  }

  // Topics: the touched slots' fresh ids, the untouched ones copied.
  const topicLists = packTopics(size, (slot, into) => {
    const fresh = newTopics.get(slot)
    if (fresh) for (const id of fresh) into.push(id)
    else for (let k = previous.topicStart[slot]; k < previous.topicStart[slot + 1]; k++) into.push(previous.topicList[k])
  })

  let indexById = previous.indexById
  if (added.length > 0 || removed.length > 0) {
    indexById = new Map(previous.indexById)
    for (const slot of removed) indexById.delete(previous.rows[slot].id)
    for (let k = 0; k < added.length; k++) indexById.set(added[k].id, previous.size + k)
  }

  let rowByUrl = previous.rowByUrl
  const urlsMoved = removed.length > 0 || added.length > 0 || changed.some((slot) => !sameUrls(previous.rows[slot].urls, rows[slot].urls))
  if (urlsMoved) {
    rowByUrl = new Map(previous.rowByUrl)
    for (const slot of [...changed, ...removed]) for (const url of previous.rows[slot].urls) if (rowByUrl.get(url) === slot) rowByUrl.delete(url)
    for (const slot of touched) for (const url of rows[slot].urls) if (!rowByUrl.has(url)) rowByUrl.set(url, slot)
  }

  const next: LibraryIndex = {
    ...columns,
    ...topicLists,
    size,
    liveCount: previous.liveCount + added.length - removed.length,
    removed: previous.removed !== null || removed.length > 0 ? removedSlots : null,
    rows,
    indexById,
    rowByUrl,
    orders: new Map()
  }
  carryOrders(previous, next, keysMoved ? touched : [])
  carryTextPass(previous, next, touched)
  return next
}

/**
 * Moves the previous index's sort orders over: unchanged when no sort key
 * moved, else the moved slots are taken out and merged back in their place.
 */
function carryOrders(previous: LibraryIndex, next: LibraryIndex, moved: number[]): void {
  for (const sort of ['newest', 'quality', 'heat'] as const satisfies readonly Exclude<SortKey, 'oldest'>[]) {
    const order = previous.orders.get(sort)
    if (!order) continue
    if (moved.length === 0 && next.size === previous.size) {
      next.orders.set(sort, order)
      continue
    }
    const compare = descendingBy(next, sortColumn(next, sort))
    const movedSet = new Set(moved)
    const incoming = Int32Array.from(moved).sort(compare)
    const merged = new Int32Array(next.size)
    let m = 0
    let k = 0
    for (let i = 0; i < order.length; i++) {
      const slot = order[i]
      if (movedSet.has(slot)) continue
      while (k < incoming.length && compare(incoming[k], slot) < 0) merged[m++] = incoming[k++]
      merged[m++] = slot
    }
    while (k < incoming.length) merged[m++] = incoming[k++]
    next.orders.set(sort, merged)
  }
}
