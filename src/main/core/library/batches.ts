import type { Card } from '../../../shared/card'
import type { LibraryBatch } from '../../../shared/contract'
import type { RoundOutput } from './change-round'

export const DEFAULT_BATCH_SIZE = 250

/** Newest first; cards without a date last; then by path so the order is stable. */
export function newestFirst(a: Card, b: Card): number {
  const byDate = (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity)
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

/**
 * Cuts a round into batches of at most `batchSize` cards, newest cards first.
 * A file's manifest entry travels in the batch that carries its id's card, so
 * a renderer that stops halfway never records a file whose card it lacks (the
 * next sync reads it again). Removals and errors ride in the first batch.
 * Within one batch an id is never both upserted and removed, nor a path both
 * in `files` and `removedFiles`, nor both in `errors` and `clearedErrors`.
 */
/** `seq` is left 0: it is given as each batch goes out, so a batch never sent leaves no gap. */
export function toBatches(folder: string, out: RoundOutput, batchSize = DEFAULT_BATCH_SIZE): LibraryBatch[] {
  const cards = [...out.upserts.values()].sort(newestFirst)
  const hasOther = out.removed.size + out.files.size + out.removedFiles.size + out.errors.size + out.clearedErrors.size > 0
  if (cards.length === 0 && !hasOther) return []

  const batches: LibraryBatch[] = []
  const batchOfId = new Map<string, LibraryBatch>()
  for (let start = 0; start === 0 || start < cards.length; start += batchSize) {
    const upsert = cards.slice(start, start + batchSize)
    const batch: LibraryBatch = { folder, seq: 0, upsert, remove: [], files: [], removedFiles: [], errors: [], clearedErrors: [] }
    for (const card of upsert) batchOfId.set(card.id, batch)
    batches.push(batch)
  }
  const first = batches[0]
  for (const entry of out.files.values()) ((entry.id !== null && batchOfId.get(entry.id)) || first).files.push(entry)
  first.remove.push(...out.removed)
  first.removedFiles.push(...out.removedFiles)
  first.errors.push(...out.errors.values())
  first.clearedErrors.push(...out.clearedErrors)
  return batches
}
