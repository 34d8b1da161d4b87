// Keeps the index in step with the library without rebuilding 100k rows for
// a batch of a few: rewritten cards are patched in their slots, new cards are
// appended, removed cards leave an empty slot, and the sort orders are merged
// rather than re-sorted. A big change (or too many empty slots) rebuilds.
import type { CardRow } from '../../db/database'
import {
  buildLibraryIndex,
  buildStateFlags,
  flagSlot,
  descendingBy,
  packTopics,
  sortColumn,
  topicIdsOf,
  writeRowColumns,
  type Interned,
  type LibraryIndex,
  type RowColumns,
  type SortKey,
  type StateFlags,
  type StateLookup,
  type TopicLists
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

interface Delta {
  changed: number[]
  added: CardRow[]
  removed: number[]
}

/**
 * What differs between the index and the rows, from the ids the store says changed since the index was made:
 * a batch's work, where a scan of every row cost ~1 ms per 10k rows on every patch. Null when too much to patch.
 */
function deltaOfIds(previous: LibraryIndex, source: ReadonlyMap<string, CardRow>, changedIds: Iterable<string>): Delta | null {
  const limit = maxPatched(previous)
  const changed: number[] = []
  const added: CardRow[] = []
  const removed: number[] = []
  const seen = new Set<string>()
  for (const id of changedIds) {
    if (seen.has(id)) continue
    seen.add(id)
    const row = source.get(id)
    const slot = previous.indexById.get(id)
    if (row === undefined) {
      if (slot !== undefined) removed.push(slot)
    } else if (slot === undefined) added.push(row)
    else if (previous.rows[slot] !== row) changed.push(slot)
    if (changed.length + added.length + removed.length > limit) return null
  }
  return { changed, added, removed }
}

/** What differs between the index and the rows, found by a scan of every row, or null when it is too much to patch. */
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

/** How a patched index came from the one before it, so what is built over an index can be carried over too. */
interface Patch {
  /** Weak: a strong link would keep every index of a sync alive, each holding the one before it. */
  from: WeakRef<LibraryIndex>
  /** Slots rewritten or added. */
  touched: readonly number[]
  /** Slots whose card left. */
  removed: readonly number[]
}

const patches = new WeakMap<LibraryIndex, Patch>()

/**
 * The read and star flags of `index`, carried from `previousFlags` (made over `previous` with the same marks)
 * when `index` was patched from `previous`: the touched and removed slots are looked up, not every row.
 */
export function stateFlagsAfter(previous: LibraryIndex, previousFlags: StateFlags, index: LibraryIndex, states: StateLookup): StateFlags {
  const patch = patches.get(index)
  if (index === previous) return previousFlags
  if (patch?.from.deref() !== previous) return buildStateFlags(index, states)
  const flags: StateFlags = {
    read: grown(previousFlags.read, index.size, (n) => new Uint8Array(n)),
    starred: grown(previousFlags.starred, index.size, (n) => new Uint8Array(n)),
    unread: previousFlags.unread,
    starredCount: previousFlags.starredCount
  }
  const drop = (slot: number): void => {
    if (slot >= previous.size) return
    if (!flags.read[slot]) flags.unread--
    if (flags.starred[slot]) flags.starredCount--
    flags.read[slot] = 0
    flags.starred[slot] = 0
  }
  for (const slot of patch.removed) drop(slot)
  for (const slot of patch.touched) {
    drop(slot)
    flagSlot(flags, slot, states.get(index.rows[slot].id))
  }
  return flags
}

/**
 * The index of `source`, patched from `previous` when it can be. `changedIds`, when known, holds every id
 * added, rewritten or removed since `previous` was made (repeats allowed); without it every row is compared.
 */
export function updateLibraryIndex(previous: LibraryIndex | null, source: ReadonlyMap<string, CardRow>, changedIds?: Iterable<string> | null): LibraryIndex {
  if (previous === null) return buildLibraryIndex(source.values())
  const delta = changedIds ? deltaOfIds(previous, source, changedIds) : deltaOf(previous, source)
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
  // A removed slot keeps its topics: every pass skips it.
  for (const slot of removed) removedSlots[slot] = 1

  // Shared with `previous` (see LibraryIndex.indexById): a copy per patch cost O(rows).
  const { indexById } = previous
  for (const slot of removed) indexById.delete(previous.rows[slot].id)
  for (let k = 0; k < added.length; k++) indexById.set(added[k].id, previous.size + k)

  const next: LibraryIndex = {
    ...columns,
    ...topicListsAfter(previous, size, newTopics),
    size,
    liveCount: previous.liveCount + added.length - removed.length,
    removed: previous.removed !== null || removed.length > 0 ? removedSlots : null,
    rows,
    indexById,
    orders: new Map()
  }
  carryOrders(previous, next, keysMoved ? touched : [])
  carryTextPass(previous, next, touched)
  patches.set(next, { from: new WeakRef(previous), touched, removed })
  return next
}

const sameTopics = (previous: LibraryIndex, slot: number, ids: readonly number[]): boolean =>
  previous.topicStart[slot + 1] - previous.topicStart[slot] === ids.length && ids.every((id, k) => previous.topicList[previous.topicStart[slot] + k] === id)

/**
 * The topic lists with `newTopics` (slot -> topic ids) written in. When only new slots bring topics (a sync
 * adding cards) the old lists are copied as they are and the new ones appended, not repacked row by row.
 */
function topicListsAfter(previous: LibraryIndex, size: number, newTopics: ReadonlyMap<number, number[]>): TopicLists {
  const rewritten = [...newTopics].some(([slot, ids]) => slot < previous.size && !sameTopics(previous, slot, ids))
  if (rewritten) {
    return packTopics(size, (slot, into) => {
      const fresh = newTopics.get(slot)
      if (fresh) for (const id of fresh) into.push(id)
      else for (let k = previous.topicStart[slot]; k < previous.topicStart[slot + 1]; k++) into.push(previous.topicList[k])
    })
  }
  const topicStart = new Int32Array(size + 1)
  topicStart.set(previous.topicStart.subarray(0, previous.size + 1))
  let length = previous.topicStart[previous.size]
  for (let slot = previous.size; slot < size; slot++) {
    topicStart[slot] = length
    length += newTopics.get(slot)?.length ?? 0
  }
  topicStart[size] = length
  const topicList = new Int32Array(length)
  topicList.set(previous.topicList.subarray(0, previous.topicStart[previous.size]))
  for (let slot = previous.size; slot < size; slot++) topicList.set(newTopics.get(slot) ?? [], topicStart[slot])
  return { topicStart, topicList }
}

/**
 * Moves the previous index's sort orders over: unchanged when no sort key
 * moved, else the moved slots are taken out and merged back in their place
 * (slots new to this index are in no old order, so only older ones are looked for).
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
    const movedOld = moved.filter((slot) => slot < previous.size)
    const movedSet = movedOld.length > 0 ? new Set(movedOld) : null
    const incoming = Int32Array.from(moved).sort(compare)
    const merged = new Int32Array(next.size)
    let m = 0
    let k = 0
    for (let i = 0; i < order.length; i++) {
      const slot = order[i]
      if (movedSet?.has(slot)) continue
      while (k < incoming.length && compare(incoming[k], slot) < 0) merged[m++] = incoming[k++]
      merged[m++] = slot
    }
    while (k < incoming.length) merged[m++] = incoming[k++]
    next.orders.set(sort, merged)
  }
}
