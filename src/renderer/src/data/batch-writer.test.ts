import { afterEach, describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import type { LibraryBatch } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'
import { BatchWriter } from './batch-writer'
import { buildManifest } from './manifest'
import { makeCard, makeRelated } from './testing/cards'
import { freshDbName, openTestDb, storedRows } from './testing/harness'
import { detailPacksOf } from './detail-packs'
import { cardOfStored } from './stored-detail'

const FOLDER = '/cards/news'
const opened: TidingsDatabase[] = []

afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

function batchOf(seq: number, upsert: Card[], remove: string[] = []): LibraryBatch {
  const files = upsert.map((card) => ({ path: card.path, size: 100, mtimeMs: seq, id: card.id, publishedAtMs: card.publishedAtMs }))
  return { folder: FOLDER, seq, upsert, remove, files, removedFiles: [], errors: [], clearedErrors: [] }
}

/** Enough cards that every write() below becomes a transaction of its own. */
const crowd = (prefix: string): Card[] => Array.from({ length: 1000 }, (_, n) => makeCard(`${prefix}${n}`))

describe('BatchWriter', () => {
  it('leaves IndexedDB as the last of several writes in flight says, not an earlier one', async () => {
    const db = openTestDb(freshDbName())
    opened.push(db)
    await db.open()
    const errors: unknown[] = []
    const writer = new BatchWriter(db, (_folder, error) => errors.push(error))
    const first = makeCard('story', { title: 'First version', related: [makeRelated('one'), makeRelated('two')] })
    const second = makeCard('story', { title: 'Second version', related: [makeRelated('three')] })
    const doomed = makeCard('doomed')

    writer.write(FOLDER, [batchOf(1, [first, doomed, ...crowd('a')])])
    writer.write(FOLDER, [batchOf(2, [second, ...crowd('b')])])
    writer.write(FOLDER, [batchOf(3, crowd('c'), [doomed.id])])
    writer.write(FOLDER, [batchOf(4, [makeCard('late')])])
    expect(writer.unwrittenDetail(FOLDER, first.id)).toBe(second)
    await writer.idle(FOLDER)

    expect(errors).toEqual([])
    expect(writer.busy).toBe(false)
    expect([...writer.unwrittenIds(FOLDER)]).toEqual([])
    expect((await cardOfStored(await detailPacksOf(db).read(FOLDER, first.id)))?.title).toBe('Second version')
    const stored = await storedRows(db, FOLDER)
    expect(stored.get(first.id)?.title).toBe('Second version')
    expect(stored.has(doomed.id)).toBe(false)
    expect((await cardOfStored(await detailPacksOf(db).read(FOLDER, first.id)))?.related.map((item) => item.title)).toEqual([second.related[0].title])
    expect(stored.size).toBe(1 + 3 * 1000 + 1)
    expect(await buildManifest(db, FOLDER)).toHaveLength(2 + 3 * 1000 + 1)
  })

  it('tells how far it saved: a batch cut into several writes only once its last piece is in IndexedDB', async () => {
    const db = openTestDb(freshDbName())
    opened.push(db)
    await db.open()
    const told: number[] = []
    const writer = new BatchWriter(db, () => undefined, (_folder, savedUpTo) => told.push(savedUpTo))

    const big = Array.from({ length: 3000 }, (_, n) => makeCard(`big${n}`))
    writer.write(FOLDER, [batchOf(7, big)])
    writer.write(FOLDER, [batchOf(9, [makeCard('small')])])
    await writer.idle(FOLDER)

    // Batch 7 takes several writes: each before its last says only that what came before 7 is saved.
    expect(told.length).toBeGreaterThan(2)
    expect(told.slice(0, -2).every((seq) => seq === 6)).toBe(true)
    expect(told.slice(-2)).toEqual([7, 9])
    expect((await storedRows(db, FOLDER)).size).toBe(3001)
  })
})
