// Card details a write's worth to a record (see DetailPack), and the index that finds a card's record. A folder's
// index (id → record number) is read whole on the first detail asked for, then kept current as writes commit. A
// card the index lacks is read from `details`, where versions 6-7 stored one record per card. The tidy, run when
// the folder is quiet, deletes packs no card needs, rewrites mostly dead ones, and deletes old copies a pack
// replaced.
import { cardDetailKey, type DetailIndexRecord, type DetailPack, type LogKey, type TidingsDatabase } from '../db/database'
import type { BatchCard } from '../../../shared/contract'
import { base64Into, base64Length, storedDetailOf, type ReadDetail } from './stored-detail'
import { nextInLog, readLog } from './folder-log'

/** Packs kept in memory: read-ahead asks for a screenful of cards, most of them written together. */
const PACKS_KEPT = 4

/** A folder's index: each card's record number, and the newest record folded in. */
interface FolderIndex {
  byId: Map<string, number>
  upTo: number
}

interface Located {
  ready: Promise<FolderIndex>
  index: FolderIndex | null
  /** Records committed while the index was being read: folded in after it, those it did not hold. */
  pending: DetailIndexRecord[]
}

function fold(index: FolderIndex, record: DetailIndexRecord): void {
  if (record.n <= index.upTo) return
  for (const id of record.removed) index.byId.delete(id)
  for (const id of record.ids) index.byId.set(id, record.n)
  index.upTo = record.n
}

export class DetailPacks {
  private readonly located = new Map<string, Located>()
  private readonly kept = new Map<string, DetailPack>()

  constructor(private readonly db: TidingsDatabase) {}

  /**
   * Stores one write's details and removals, inside the caller's read-write transaction on detailIndex and
   * detailPacks (IndexedDB runs those in the order they were made, so each sees the last one's number). Resolves
   * to the index record, to hand to `committed` once the transaction has.
   */
  async append(folder: string, pack: DetailPack, removed: string[]): Promise<DetailIndexRecord> {
    const { ids } = pack
    const n = await nextInLog(this.db.detailIndex, folder)
    const record: DetailIndexRecord = { n, ids, removed, packed: ids.length }
    const key: LogKey = [folder, n]
    const writes: Promise<unknown>[] = [this.db.detailIndex.add(record, key)]
    if (ids.length > 0) writes.push(this.db.detailPacks.add(pack, key))
    await Promise.all(writes)
    return record
  }

  /** A transaction that appended `record` committed. */
  committed(folder: string, record: DetailIndexRecord): void {
    const located = this.located.get(folder)
    if (!located) return
    if (located.index) fold(located.index, record)
    else located.pending.push(record)
  }

  /** The card's detail as stored, undefined when IndexedDB has none. */
  async read(folder: string, id: string): Promise<ReadDetail | undefined> {
    const index = await this.indexOf(folder)
    const n = index.byId.get(id)
    if (n === undefined) return this.db.details.get(cardDetailKey(folder, id))
    const pack = await this.keptPack(folder, n)
    const at = pack ? pack.ids.indexOf(id) : -1
    if (pack && at >= 0) return detailAt(pack, at)
    // The tidy moved it meanwhile (the card was written again): its index now names the new pack.
    const now = index.byId.get(id)
    return now !== undefined && now !== n ? this.read(folder, id) : undefined
  }

  /** How many cards of the folder have a stored detail (packed or from an older version). */
  async count(folder: string): Promise<number> {
    const index = await this.indexOf(folder)
    const old = await this.oldKeys(folder)
    return index.byId.size + old.filter((key) => !index.byId.has(idOfKey(folder, key))).length
  }

  /**
   * Deletes what no card needs any more. Only when every write to the folder has committed (the index in memory
   * is then what IndexedDB holds): a record is dead once every card it held was written again or removed.
   */
  async tidy(folder: string): Promise<void> {
    const index = await this.indexOf(folder)
    await this.db.transaction('rw', [this.db.detailIndex, this.db.detailPacks, this.db.details], async () => {
      const records = await readLog(this.db.detailIndex, folder)
      const newest = records.reduce((max, record) => Math.max(max, record.n), -1)
      for (const record of records) {
        const live = record.ids.filter((id) => index.byId.get(id) === record.n)
        const key: LogKey = [folder, record.n]
        if (live.length === 0) {
          await this.db.detailPacks.delete(key)
          this.kept.delete(keyOf(folder, record.n))
          // The newest record stays (emptied) so the next write's number is never one used before.
          if (record.n === newest) await this.db.detailIndex.put({ ...record, ids: [], removed: [], packed: 0 }, key)
          else await this.db.detailIndex.delete(key)
          continue
        }
        // Earlier records drop the cards a later one wrote or removed, so no removal needs keeping.
        let packed = record.packed
        if (live.length * 2 < record.packed) packed = await this.repack(folder, record.n, live)
        if (live.length < record.ids.length || record.removed.length > 0 || packed !== record.packed) {
          await this.db.detailIndex.put({ n: record.n, ids: live, removed: [], packed }, key)
        }
      }
      const replaced = (await this.oldKeys(folder)).filter((key) => index.byId.has(idOfKey(folder, key)))
      if (replaced.length > 0) await this.db.details.bulkDelete(replaced)
    })
  }

  /** Rewrites pack `n` with only the `live` cards' details; resolves to its new size. */
  private async repack(folder: string, n: number, live: string[]): Promise<number> {
    const pack = await this.db.detailPacks.get([folder, n])
    if (!pack) return 0
    const keep = new Set(live)
    const kept = pack.ids.flatMap((id, at) => (keep.has(id) ? [at] : []))
    await this.db.detailPacks.put(subsetOf(pack, kept), [folder, n])
    this.kept.delete(keyOf(folder, n))
    return kept.length
  }

  private oldKeys(folder: string): Promise<string[]> {
    return this.db.details
      .where(':id')
      .between(cardDetailKey(folder, ''), cardDetailKey(folder, '\uffff'))
      .primaryKeys()
  }

  private indexOf(folder: string): Promise<FolderIndex> {
    let located = this.located.get(folder)
    if (!located) {
      const entry: Located = { ready: Promise.resolve({ byId: new Map(), upTo: -1 }), index: null, pending: [] }
      entry.ready = readLog(this.db.detailIndex, folder).then((records) => {
        const index: FolderIndex = { byId: new Map(), upTo: -1 }
        for (const record of [...records, ...entry.pending]) fold(index, record)
        entry.index = index
        entry.pending = []
        return index
      })
      entry.ready.catch(() => this.located.delete(folder))
      this.located.set(folder, (located = entry))
    }
    return located.ready
  }

  private async keptPack(folder: string, n: number): Promise<DetailPack | undefined> {
    const key = keyOf(folder, n)
    const kept = this.kept.get(key)
    if (kept) {
      this.kept.delete(key)
      this.kept.set(key, kept)
      return kept
    }
    const pack = await this.db.detailPacks.get([folder, n])
    if (!pack) return undefined
    this.kept.set(key, pack)
    if (this.kept.size > PACKS_KEPT) this.kept.delete(this.kept.keys().next().value!)
    return pack
  }
}

/**
 * A write's pack: when the host packed every card (`packed` holds each one's base64), the bytes decoded end to end
 * into one buffer and stored as one Blob (see BlobDetailPack), else the details as a list. One part, decoded in
 * place: Chromium's Blob constructor took ~10 ms for 48 parts of 5 KB, and ~1 ms for the same bytes as one.
 */
export function packOf(cards: readonly BatchCard[], packed: ReadonlyMap<string, string>): DetailPack {
  const ids = cards.map((card) => card.id)
  const texts = cards.map((card) => packed.get(card.id))
  if (!texts.every((text) => text !== undefined)) return { ids, details: cards.map((card, at) => storedDetailOf(card, texts[at])) }
  const ends = endsOf(texts.map(base64Length))
  const whole = new Uint8Array(ends.at(-1) ?? 0)
  texts.forEach((text, at) => base64Into(text, whole.subarray(startOf(ends, at), ends[at])))
  return { ids, ends, bytes: new Blob([whole]) }
}

/** The detail at `at`: a Blob pack's is a slice of its bytes (a reference, not a copy, until it is read). */
function detailAt(pack: DetailPack, at: number): ReadDetail {
  if ('details' in pack) return pack.details[at]
  return pack.bytes.slice(startOf(pack.ends, at), pack.ends[at])
}

/** The pack with only the entries at `kept` (in order), in the pack's own shape. */
function subsetOf(pack: DetailPack, kept: number[]): DetailPack {
  const ids = kept.map((at) => pack.ids[at])
  if ('details' in pack) return { ids, details: kept.map((at) => pack.details[at]) }
  const slices = kept.map((at) => detailAt(pack, at) as Blob)
  return { ids, ends: endsOf(slices.map((slice) => slice.size)), bytes: new Blob(slices) }
}

/** Where each of `sizes` ends when they are laid end to end. */
function endsOf(sizes: readonly number[]): number[] {
  let end = 0
  return sizes.map((size) => (end += size))
}

/** Where entry `at` of a Blob pack starts: where the one before it ends. */
const startOf = (ends: readonly number[], at: number): number => (at === 0 ? 0 : ends[at - 1])

const keyOf = (folder: string, n: number): string => `${folder}\u0000${n}`
const idOfKey = (folder: string, key: string): string => key.slice(folder.length + 1)

const packsOfDatabase = new WeakMap<TidingsDatabase, DetailPacks>()

/** The database's one DetailPacks: the writer and the readers must share its index. */
export function detailPacksOf(db: TidingsDatabase): DetailPacks {
  let packs = packsOfDatabase.get(db)
  if (!packs) packsOfDatabase.set(db, (packs = new DetailPacks(db)))
  return packs
}
