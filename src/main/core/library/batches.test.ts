// Batches are cut by bytes as well as by cards: real cards with long related lists weigh ~25 KB each,
// so a batch of 250 was 5-7 MB of JSON held several times over in the host and stored by the page in
// one long transaction.
import { describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import { readCardFileSync } from '../parse/parse-card'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { DEFAULT_BATCH_BYTES, newestFirst, toBatches } from './batches'
import { emptyOutput } from './change-round'
import { relative } from 'node:path'
import { inflateRawSync } from 'node:zlib'

function roundOf(folder: string) {
  const out = emptyOutput()
  for (const path of cardFilesIn(folder)) {
    const read = readCardFileSync(folder, relative(folder, path))
    if (!read.outcome.ok) continue
    const card = read.outcome.card
    out.upserts.set(card.id, card)
    out.files.set(read.path, { path: read.path, size: read.size, mtimeMs: read.mtimeMs, id: card.id, publishedAtMs: card.publishedAtMs })
  }
  return out
}

describe('toBatches on real related-heavy cards', () => {
  const folder = sharedCards('related-heavy')
  const out = roundOf(folder)

  it('keeps every batch within its byte bound (a card bigger than the bound goes alone)', () => {
    expect(out.upserts.size).toBeGreaterThan(100)
    for (const bytes of [DEFAULT_BATCH_BYTES, 256 * 1024, 64 * 1024]) {
      const batches = toBatches(folder, out, { bytes })
      // Small bounds cut the folder into more batches: the bound, not the card count, decides.
      expect(batches.length).toBeGreaterThan(Math.ceil(out.upserts.size / 250))
      for (const batch of batches) {
        const size = Buffer.byteLength(JSON.stringify(batch))
        if (batch.upsert.length > 1) expect(size, `${batch.upsert.length} cards`).toBeLessThanOrEqual(bytes * 1.05)
      }
    }
  })

  it('still sends every card once, newest first, each file entry beside its card', () => {
    const batches = toBatches(folder, out, { bytes: 128 * 1024 })
    const sent = batches.flatMap((batch) => batch.upsert)
    expect(sent.map((card) => card.id)).toEqual([...out.upserts.values()].sort(newestFirst).map((card: Card) => card.id))
    for (const batch of batches) {
      const ids = new Set(batch.upsert.map((card) => card.id))
      for (const entry of batch.files) expect(ids.has(entry.id!)).toBe(true)
    }
    expect(batches.reduce((count, batch) => count + batch.files.length, 0)).toBe(out.files.size)
  })

  it('still holds at most the card count it is given', () => {
    for (const batch of toBatches(folder, out, { cards: 7, bytes: Infinity })) expect(batch.upsert.length).toBeLessThanOrEqual(7)
  })
})

describe('toBatches packs each card for the page', () => {
  const folder = sharedCards('related-heavy')
  const out = roundOf(folder)

  it('sends beside each card its JSON, raw-deflated in base64, in the same order', () => {
    const batches = toBatches(folder, out)
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches) {
      expect(batch.packed).toHaveLength(batch.upsert.length)
      batch.upsert.forEach((card, index) => {
        const json = inflateRawSync(Buffer.from(batch.packed![index], 'base64')).toString('utf8')
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(card)))
      })
    }
  })
})
