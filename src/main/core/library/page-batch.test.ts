// What the page receives of a sync of real related-heavy cards: each card's row fields whole, its related
// items cut to title and time, the complete card in the packed copy, and far fewer bytes than before.
import { describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import { readCardFileSync } from '../parse/parse-card'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { toBatches } from './batches'
import { emptyOutput } from './change-round'
import { toPageBatch } from './page-batch'
import { unpackCard } from './testing/complete-batch'
import { relative } from 'node:path'

function relatedHeavyBatches() {
  const folder = sharedCards('related-heavy')
  const out = emptyOutput()
  for (const path of cardFilesIn(folder)) {
    const read = readCardFileSync(folder, relative(folder, path))
    if (read.outcome.ok) out.upserts.set(read.outcome.card.id, read.outcome.card)
  }
  return toBatches(folder, out)
}

describe('toPageBatch on real related-heavy cards', () => {
  const batches = relatedHeavyBatches()
  const pageBatches = batches.map(toPageBatch)

  it('keeps every card field but the related items, which keep their count, titles and times', () => {
    const cards = batches.flatMap((batch) => batch.upsert)
    const sent = pageBatches.flatMap((batch) => batch.upsert)
    expect(sent.length).toBe(cards.length)
    cards.forEach((card, index) => {
      const { related, ...rest } = sent[index]
      const { related: complete, ...cardRest } = card
      expect(rest).toEqual(cardRest)
      expect(related).toHaveLength(complete.length)
      expect(related).toEqual(card.related.map((item) => ({ title: item.title, publishedAtMs: item.publishedAtMs })))
    })
  })

  it('carries each complete card in its packed copy', () => {
    for (const [at, batch] of batches.entries()) {
      expect(pageBatches[at].packed?.map(unpackCard)).toEqual(batch.upsert)
    }
  })

  it('sends less than half the JSON of the complete cards', () => {
    const bytes = (upsert: unknown[]) => JSON.stringify(upsert).length
    const complete = batches.reduce((sum, batch) => sum + bytes(batch.upsert), 0)
    const sent = pageBatches.reduce((sum, batch) => sum + bytes(batch.upsert), 0)
    expect(sent).toBeLessThan(complete / 2)
  })

  it('sends a card without a packed copy complete', () => {
    const [batch] = batches
    const unpacked = toPageBatch({ ...batch, packed: undefined })
    expect(unpacked.upsert).toEqual(batch.upsert)
    const packed = [...(batch.packed ?? [])]
    delete packed[0]
    const card: Card = batch.upsert[0]
    expect(toPageBatch({ ...batch, packed }).upsert[0]).toBe(card)
  })
})
