// A batch as it goes to the page. Main's batches carry complete cards; a real card's related items are ~93%
// of its JSON, and the page needs only their titles and times for the card's list row: the complete card
// travels in the batch's packed copy, which the page stores as the detail and opens from. So each packed
// card goes with its related items summarised, and a sync sends, parses and holds less than half the bytes.
import type { Card } from '../../../shared/card'
import type { LibraryBatch } from '../../../shared/contract'
import { summarisedCard } from '../../../shared/batch-card'

/** The batch for the page: each card with a packed copy summarised, a card without one left complete. */
export function toPageBatch(batch: LibraryBatch<Card>): LibraryBatch {
  const packed = batch.packed
  if (packed === undefined || packed.length === 0) return batch
  return { ...batch, upsert: batch.upsert.map((card, index) => (packed[index] === undefined ? card : summarisedCard(card))) }
}
