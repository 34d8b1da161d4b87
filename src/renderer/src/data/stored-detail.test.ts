// A card's detail is stored as the host's packed bytes (raw deflate of its JSON) when a batch carries them, and
// read back as the same card; a database written before holds card objects, which still read back as they are.
import { afterEach, describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import type { LibraryBatch } from '../../../shared/contract'
import { cardDetailKey, type TidingsDatabase } from '../db/database'
import { applyBatches } from './apply-batch'
import { cardOfStored } from './stored-detail'
import { detailPacksOf } from './detail-packs'
import { makeCard, makeRelated } from './testing/cards'
import { freshDbName, openTestDb } from './testing/harness'
import { splitByWeight } from './write-pieces'

const FOLDER = '/cards/news'
const opened: TidingsDatabase[] = []

afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

/** What the host sends (see pack-card.ts): the card's JSON, raw-deflated, in base64. */
async function packed(card: Card): Promise<string> {
  const stream = new Blob([JSON.stringify(card)]).stream().pipeThrough(new CompressionStream('deflate-raw'))
  return btoa(String.fromCharCode(...new Uint8Array(await new Response(stream).arrayBuffer())))
}

async function batchOf(seq: number, cards: Card[]): Promise<LibraryBatch> {
  const files = cards.map((card) => ({ path: card.path, size: 100, mtimeMs: seq, id: card.id, publishedAtMs: card.publishedAtMs }))
  return { folder: FOLDER, seq, upsert: cards, packed: await Promise.all(cards.map(packed)), remove: [], files, removedFiles: [], errors: [], clearedErrors: [] }
}

const heavy = (slug: string): Card =>
  makeCard(slug, { title: `Ünïcode “${slug}”`, body: `Body of ${slug}\n`.repeat(50), related: Array.from({ length: 29 }, (_, n) => makeRelated(`${slug}-r${n}`)) })

function testDb(): TidingsDatabase {
  const db = openTestDb(freshDbName())
  opened.push(db)
  return db
}

describe('stored card details', () => {
  it('stores a packed card as bytes (a slice of its pack) and reads it back as the same card', async () => {
    const db = testDb()
    const card = heavy('packed')
    await applyBatches(db, FOLDER, [await batchOf(1, [card])])
    const stored = await detailPacksOf(db).read(FOLDER, card.id)
    expect(stored).toBeInstanceOf(Blob)
    expect(await cardOfStored(stored)).toEqual(card)
  })

  it('reads a card object that an older release stored as it is', async () => {
    const db = testDb()
    const card = heavy('old')
    await db.details.put(card, cardDetailKey(FOLDER, card.id))
    expect(await cardOfStored(await detailPacksOf(db).read(FOLDER, card.id))).toEqual(card)
    expect(await cardOfStored(await detailPacksOf(db).read(FOLDER, 'missing'))).toBeUndefined()
  })

  it('keeps each card with its own bytes when a batch is written in pieces', async () => {
    const db = testDb()
    const cards = Array.from({ length: 7 }, (_, n) => heavy(`piece${n}`))
    const pieces = splitByWeight(await batchOf(1, cards), 70)
    expect(pieces.length).toBeGreaterThan(2)
    for (const piece of pieces) await applyBatches(db, FOLDER, [piece])
    for (const card of cards) expect(await cardOfStored(await detailPacksOf(db).read(FOLDER, card.id))).toEqual(card)
  })

  it('stores the later card when a later batch brings it without bytes', async () => {
    const db = testDb()
    const first = heavy('twice')
    const second = { ...first, title: 'Second version' }
    const later = { ...(await batchOf(2, [second])), packed: undefined }
    await applyBatches(db, FOLDER, [await batchOf(1, [first]), later])
    expect(await cardOfStored(await detailPacksOf(db).read(FOLDER, first.id))).toEqual(second)
  })
})
