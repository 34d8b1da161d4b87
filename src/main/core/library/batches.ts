import type { Card } from '../../../shared/card'
import type { LibraryBatch } from '../../../shared/contract'
import type { RoundOutput } from './change-round'
import { packCard } from './pack-card'

export const DEFAULT_BATCH_SIZE = 250
/**
 * Most JSON a batch carries (a card bigger than this goes alone). 250 real cards with long related lists
 * are 5-7 MB: the host held several such strings, frames and their cards at once, and the page stored each
 * in one long transaction. A bound by bytes keeps both flat whatever the cards weigh.
 */
export const DEFAULT_BATCH_BYTES = 1024 * 1024
/** A manifest entry's JSON beside its path: size, mtime, id (usually a URL) and date. */
const FILE_ENTRY_BYTES = 160

export interface BatchLimits {
  /** Most cards in a batch. */
  cards?: number
  /** Most bytes of JSON in a batch, counted as a card's JSON, its packed copy and its file entry. */
  bytes?: number
}

/** Newest first; cards without a date last; then by path so the order is stable. */
export function newestFirst(a: Card, b: Card): number {
  const byDate = (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity)
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

/**
 * Cuts a round into batches of at most `limits.cards` cards and `limits.bytes` of JSON, newest cards first.
 * A file's manifest entry travels in the batch that carries its id's card, so
 * a renderer that stops halfway never records a file whose card it lacks (the
 * next sync reads it again). Removals and errors ride in the first batch.
 * Within one batch an id is never both upserted and removed, nor a path both
 * in `files` and `removedFiles`, nor both in `errors` and `clearedErrors`.
 */
/** `seq` is left 0: it is given as each batch goes out, so a batch never sent leaves no gap. */
export function toBatches(folder: string, out: RoundOutput, limits: BatchLimits = {}): LibraryBatch<Card>[] {
  const maxCards = Math.max(1, limits.cards ?? DEFAULT_BATCH_SIZE)
  const maxBytes = limits.bytes ?? DEFAULT_BATCH_BYTES
  const cards = [...out.upserts.values()].sort(newestFirst)
  const hasOther = out.removed.size + out.files.size + out.removedFiles.size + out.errors.size + out.clearedErrors.size > 0
  if (cards.length === 0 && !hasOther) return []

  const newBatch = (): LibraryBatch<Card> => ({ folder, seq: 0, upsert: [], packed: [], remove: [], files: [], removedFiles: [], errors: [], clearedErrors: [] })
  const batches: LibraryBatch<Card>[] = [newBatch()]
  const batchOfId = new Map<string, LibraryBatch<Card>>()
  let bytes = 0
  for (const card of cards) {
    // The card's JSON is built once here to pack it, so its length is exact (no estimate needed); the packed
    // copy travels too and counts toward the bound.
    const { json, packed } = packCard(card)
    const cost = json.length + packed.length + card.path.length + FILE_ENTRY_BYTES
    let batch = batches[batches.length - 1]
    if (batch.upsert.length > 0 && (batch.upsert.length >= maxCards || bytes + cost > maxBytes)) {
      batch = newBatch()
      batches.push(batch)
      bytes = 0
    }
    batch.upsert.push(card)
    batch.packed!.push(packed)
    bytes += cost
    batchOfId.set(card.id, batch)
  }
  const first = batches[0]
  for (const entry of out.files.values()) ((entry.id !== null && batchOfId.get(entry.id)) || first).files.push(entry)
  first.remove.push(...out.removed)
  first.removedFiles.push(...out.removedFiles)
  first.errors.push(...out.errors.values())
  first.clearedErrors.push(...out.clearedErrors)
  return batches
}
