// Writes library batches into IndexedDB in one transaction. Marks (the states
// table) are never touched here: a card that goes and comes back finds its
// read state waiting under the same id.
import type { LibraryBatch, LibraryChange } from '../../../shared/contract'
import { cardDetailKey, type CardRow, type ErrorRow, type TidingsDatabase } from '../db/database'
import { toCardRow } from './card-row'
import { appendToLog } from './folder-log'
import { detailPacksOf, packOf } from './detail-packs'

/** What the batches changed, for the in-memory store. */
export interface AppliedChanges {
  rows: CardRow[]
  removedIds: string[]
  errors: ErrorRow[]
  clearedErrors: string[]
}

/** One batch's removals, then its puts (a put in the same batch wins), over the net so far. */
function foldInto<K, V>(puts: Map<K, V>, removed: Set<K>, removals: readonly K[], values: readonly V[], keyOf: (value: V) => K): void {
  for (const key of removals) {
    puts.delete(key)
    removed.add(key)
  }
  for (const value of values) {
    const key = keyOf(value)
    removed.delete(key)
    puts.set(key, value)
  }
}

/** Folds consecutive batches into one net change; a later batch wins over an earlier one. */
export function foldBatches(batches: readonly LibraryBatch[]): LibraryChange {
  const net: LibraryChange = {
    upserts: new Map(),
    removed: new Set(),
    files: new Map(),
    removedFiles: new Set(),
    errors: new Map(),
    clearedErrors: new Set()
  }
  for (const batch of batches) {
    foldInto(net.upserts, net.removed, batch.remove, batch.upsert, (card) => card.id)
    foldInto(net.files, net.removedFiles, batch.removedFiles, batch.files, (entry) => entry.path)
    foldInto(net.errors, net.clearedErrors, batch.clearedErrors, batch.errors, (error) => error.path)
  }
  return net
}

/** What batches (in seq order) change, as rows for the in-memory store. */
export function changesOf(folder: string, batches: readonly LibraryBatch[], seenAt = Date.now()): AppliedChanges & { net: LibraryChange } {
  const net = foldBatches(batches)
  return {
    net,
    rows: [...net.upserts.values()].map((card) => toCardRow(folder, card)),
    removedIds: [...net.removed],
    errors: [...net.errors.values()].map((error) => ({ ...error, folder, seenAt })),
    clearedErrors: [...net.clearedErrors]
  }
}

/** Each net upsert's packed detail (see LibraryBatch.packed): a later batch's card without one drops an earlier one's. */
export function packedOf(batches: readonly LibraryBatch[]): Map<string, string> {
  const packed = new Map<string, string>()
  for (const batch of batches) {
    for (const id of batch.remove) packed.delete(id)
    batch.upsert.forEach((card, index) => {
      const bytes = batch.packed?.[index]
      if (bytes === undefined) packed.delete(card.id)
      else packed.set(card.id, bytes)
    })
  }
  return packed
}

/** Applies batches (already in seq order) for `folder`, in one transaction. */
export async function applyBatches(db: TidingsDatabase, folder: string, batches: readonly LibraryBatch[]): Promise<AppliedChanges> {
  const { net, rows, removedIds, errors, clearedErrors } = changesOf(folder, batches)
  const cards = [...net.upserts.values()]
  // The host's packed bytes where it sent them (much cheaper for IndexedDB to store), else the card itself.
  const pack = packOf(cards, packedOf(batches))
  const keyOf = (key: string): [string, string] => [folder, key]

  const packs = detailPacksOf(db)

  const indexed = await db.transaction('rw', [db.rowLog, db.details, db.detailIndex, db.detailPacks, db.filePages, db.errors], async () => {
    const writes: Promise<unknown>[] = []
    // The light rows as one log record (see RowLogRecord), not a request per card; the details as one pack.
    if (removedIds.length > 0 || rows.length > 0) writes.push(appendToLog(db.rowLog, folder, { removed: removedIds, rows }))
    // A removed card's detail as versions 6-7 stored it (the pack index drops it below).
    if (removedIds.length > 0) writes.push(db.details.bulkDelete(removedIds.map((id) => cardDetailKey(folder, id))))
    const record = cards.length > 0 || removedIds.length > 0 ? packs.append(folder, pack, removedIds) : Promise.resolve(undefined)
    // The manifest's changes as one record (see FilePage), not a request per file.
    if (net.removedFiles.size > 0 || net.files.size > 0) writes.push(appendToLog(db.filePages, folder, { removed: [...net.removedFiles], files: [...net.files.values()] }))
    if (clearedErrors.length > 0) writes.push(db.errors.bulkDelete(clearedErrors.map(keyOf)))
    if (errors.length > 0) writes.push(db.errors.bulkPut(errors))
    const [appended] = await Promise.all([record, ...writes])
    return appended
  })
  // Before this resolves: the writer counts a folder settled once it has, and the tidy trusts the index then.
  if (indexed) packs.committed(folder, indexed)
  return { rows, removedIds, errors, clearedErrors }
}
