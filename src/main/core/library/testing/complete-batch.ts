// Test support: a page batch read back the way the page stores it, each summarised card replaced by the
// complete card its packed copy holds, so a test compares what the page ends up with.
import { inflateRawSync } from 'node:zlib'
import type { Card } from '../../../../shared/card'
import type { LibraryBatch, TidingsEvent } from '../../../../shared/contract'

export const unpackCard = (packed: string): Card => JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as Card

/** The batch with complete cards. A card sent without a packed copy is complete already (see toPageBatch). */
export function completeBatch(batch: LibraryBatch): LibraryBatch<Card> {
  return { ...batch, upsert: batch.upsert.map((card, index) => (batch.packed?.[index] === undefined ? (card as Card) : unpackCard(batch.packed[index]))) }
}

export function completeEvent(event: TidingsEvent): TidingsEvent<Card> {
  return event.type === 'batch' ? { type: 'batch', batch: completeBatch(event.batch) } : event
}
