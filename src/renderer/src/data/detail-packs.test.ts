// Details are stored a write's worth to a record and found through the pack index, by this page and after a
// restart. The tidy deletes what no card needs, and never brings back a removed card; an older release's
// one-record-per-card details still read until a write packs the card again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import type { LibraryBatch } from '../../../shared/contract'
import { cardDetailKey, type TidingsDatabase } from '../db/database'
import { applyBatches } from './apply-batch'
import { DetailPacks, detailPacksOf } from './detail-packs'
import { cardOfStored } from './stored-detail'
import { makeCard, makeRelated } from './testing/cards'
import { packCard } from './testing/pack-card'
import { freshDbName, openTestDb } from './testing/harness'

const FOLDER = '/cards/news'
const opened: TidingsDatabase[] = []

afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function testDb(): TidingsDatabase {
  const db = openTestDb(freshDbName())
  opened.push(db)
  return db
}

const card = (slug: string, title = `Story ${slug}`): Card => makeCard(slug, { title, related: [makeRelated(`${slug}-elsewhere`)] })

/** Set per run of the suite: whether batches carry the host's packed copies (stored as one Blob) or cards only (listed). */
let hostPacked = false

function batchOf(seq: number, upsert: Card[], remove: string[] = []): LibraryBatch {
  const files = upsert.map((item) => ({ path: item.path, size: 100, mtimeMs: seq, id: item.id, publishedAtMs: item.publishedAtMs }))
  const packed = hostPacked ? { packed: upsert.map(packCard) } : {}
  return { folder: FOLDER, seq, upsert, remove, files, removedFiles: [], errors: [], clearedErrors: [], ...packed }
}

const titleOf = async (packs: DetailPacks, id: string): Promise<string | undefined> => (await cardOfStored(await packs.read(FOLDER, id)))?.title

describe.each([
  ['cards as a list', false],
  ['host-packed bytes in one Blob', true]
])('detail packs holding %s', (_, packed) => {
  beforeEach(() => {
    hostPacked = packed
  })

  it('stores a pack in the shape its write calls for', async () => {
    const db = testDb()
    await applyBatches(db, FOLDER, [batchOf(1, [card('a'), card('b')])])
    const [pack] = await db.detailPacks.toArray()
    expect('bytes' in pack && pack.bytes instanceof Blob).toBe(packed)
  })

  it('stores one record per write and reads every card back, in this page and after a restart', async () => {
    const db = testDb()
    const writes = [0, 1, 2].map((w) => Array.from({ length: 20 }, (_, n) => card(`w${w}-${n}`)))
    for (const [seq, cards] of writes.entries()) await applyBatches(db, FOLDER, [batchOf(seq + 1, cards)])
    expect(await db.detailPacks.count()).toBe(3)
    expect(await db.details.count()).toBe(0)
    const restarted = new DetailPacks(db)
    for (const cards of writes) {
      for (const each of cards) {
        expect(await titleOf(detailPacksOf(db), each.id)).toBe(each.title)
        expect(await titleOf(restarted, each.id)).toBe(each.title)
      }
    }
    expect(await titleOf(restarted, 'https://nowhere.example/missing')).toBeUndefined()
    expect(await restarted.count(FOLDER)).toBe(60)
  })

  it('reads the newest copy of a card written again or removed, and the tidy keeps only what cards need', async () => {
    const db = testDb()
    const [a, b, c] = ['a', 'b', 'c'].map((slug) => card(slug))
    await applyBatches(db, FOLDER, [batchOf(1, [a, b, c])])
    await applyBatches(db, FOLDER, [batchOf(2, [{ ...a, title: 'A again' }])])
    await applyBatches(db, FOLDER, [batchOf(3, [], [b.id])])
    const packs = detailPacksOf(db)
    expect([await titleOf(packs, a.id), await titleOf(packs, b.id), await titleOf(packs, c.id)]).toEqual(['A again', undefined, c.title])

    await packs.tidy(FOLDER)
    // The first pack had one card of three left, so it was rewritten with that one only.
    const stored = await db.detailPacks.toArray()
    expect(stored.map((pack) => pack.ids)).toEqual([[c.id], [a.id]])
    for (const reader of [packs, new DetailPacks(db)]) {
      expect([await titleOf(reader, a.id), await titleOf(reader, b.id), await titleOf(reader, c.id)]).toEqual(['A again', undefined, c.title])
    }
  })

  it('deletes a pack once every card in it was written again, and numbers the next write past every earlier one', async () => {
    const db = testDb()
    const [a, b] = ['a', 'b'].map((slug) => card(slug))
    await applyBatches(db, FOLDER, [batchOf(1, [a, b])])
    await applyBatches(db, FOLDER, [batchOf(2, [{ ...a, title: 'A2' }, { ...b, title: 'B2' }])])
    await detailPacksOf(db).tidy(FOLDER)
    expect(await db.detailPacks.toCollection().primaryKeys()).toEqual([[FOLDER, 1]])
    await applyBatches(db, FOLDER, [batchOf(3, [{ ...a, title: 'A3' }, { ...b, title: 'B3' }])])
    await detailPacksOf(db).tidy(FOLDER)
    // The newest index record is kept even when empty, so a number is never used twice.
    expect(await db.detailIndex.toCollection().primaryKeys()).toEqual([[FOLDER, 2]])
    await applyBatches(db, FOLDER, [batchOf(4, [card('c')])])
    expect(await db.detailPacks.toCollection().primaryKeys()).toEqual([
      [FOLDER, 2],
      [FOLDER, 3]
    ])
    const restarted = new DetailPacks(db)
    expect([await titleOf(restarted, a.id), await titleOf(restarted, b.id), await titleOf(restarted, card('c').id)]).toEqual(['A3', 'B3', 'Story c'])
  })

  it('reads a detail an older release stored per card until a write packs the card, then the tidy deletes the old copy', async () => {
    const db = testDb()
    const [a, b] = ['a', 'b'].map((slug) => card(slug, `Old ${slug}`))
    await db.details.bulkPut([a, b], [cardDetailKey(FOLDER, a.id), cardDetailKey(FOLDER, b.id)])
    await db.details.put(card('a', 'Another folder'), cardDetailKey('/elsewhere', a.id))
    const packs = detailPacksOf(db)
    expect(await titleOf(packs, a.id)).toBe('Old a')
    await applyBatches(db, FOLDER, [batchOf(1, [{ ...a, title: 'New a' }])])
    expect(await titleOf(packs, a.id)).toBe('New a')
    expect(await packs.count(FOLDER)).toBe(2)
    await packs.tidy(FOLDER)
    expect(await db.details.toCollection().primaryKeys()).toEqual([cardDetailKey(FOLDER, b.id), cardDetailKey('/elsewhere', a.id)].sort())
    expect([await titleOf(packs, a.id), await titleOf(packs, b.id)]).toEqual(['New a', 'Old b'])
  })

  it('finds a card whose write committed while the index was still being read', async () => {
    const db = testDb()
    await applyBatches(db, FOLDER, [batchOf(1, [card('first')])])
    // This page's own reader, whose index the writes keep current once it has been read.
    const packs = detailPacksOf(db)
    const late = card('late')
    // The index's first read starts, and a write is made before it has answered.
    const [early] = await Promise.all([titleOf(packs, card('first').id), applyBatches(db, FOLDER, [batchOf(2, [late])])])
    expect(early).toBe('Story first')
    expect(await titleOf(packs, late.id)).toBe('Story late')
  })
})
