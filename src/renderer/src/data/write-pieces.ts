// A batch of heavy cards (dozens of related items each) costs IndexedDB's
// structured clone on the page's thread in proportion to its related items, not
// its cards (with the related table, before Dexie version 5, each was also a row): 250 real cards took one 1.5 s task, before the first row could
// paint. Batches are cut into pieces of bounded weight, written one
// transaction each with the page getting a turn between them.
import type { BatchCard, LibraryBatch } from '../../../shared/contract'

/** One card's cost to write: its light row and detail, plus one per related item the detail's clone carries. */
export const writeWeightOf = (card: BatchCard): number => 2 + (card.related?.length ?? 0)

/**
 * The batch as pieces of at most `maxWeight` (a single card may exceed it), applied in order. Only the
 * last piece carries the manifest entries, removals and errors: a piece cut short by a closed page leaves
 * cards without their file entries, so the next sync reads those files again, never the other way round.
 */
export function splitByWeight(batch: LibraryBatch, maxWeight: number): LibraryBatch[] {
  const pieces: LibraryBatch[] = []
  let upsert: BatchCard[] = []
  let start = 0
  let weight = 0
  // Each piece keeps its cards' packed details, in step with its upserts.
  const packedOf = (end: number): string[] | undefined => batch.packed?.slice(start, end)
  batch.upsert.forEach((card, index) => {
    const cost = writeWeightOf(card)
    if (upsert.length > 0 && weight + cost > maxWeight) {
      pieces.push({ ...batch, upsert, packed: packedOf(index), remove: [], files: [], removedFiles: [], errors: [], clearedErrors: [] })
      upsert = []
      start = index
      weight = 0
    }
    upsert.push(card)
    weight += cost
  })
  if (pieces.length === 0) return [batch]
  // Within one batch an upsert wins over a removal of the same id (see foldBatches); kept so when the removal goes last.
  const upserted = new Set(batch.upsert.map((card) => card.id))
  pieces.push({ ...batch, upsert, packed: packedOf(batch.upsert.length), remove: batch.remove.filter((id) => !upserted.has(id)) })
  return pieces
}
