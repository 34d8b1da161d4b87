import { Dexie, liveQuery } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { LibraryBatch } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'
import { BatchWriter } from './batch-writer'
import { detailPacksOf } from './detail-packs'
import { readErrors, readRecentFolders, readSavedViews, readSetting } from './live-reads'
import { makeCard, makeRelated } from './testing/cards'
import { fakeIndexedDB, freshDbName, openTestDb } from './testing/harness'

const FOLDER = '/cards/heavy'
const opened: TidingsDatabase[] = []
const stops: Array<() => void> = []

// Dexie runs live queries only where it found IndexedDB as a global; Node has none.
Dexie.dependencies.indexedDB ??= fakeIndexedDB

afterEach(() => {
  for (const stop of stops.splice(0)) stop()
  for (const db of opened.splice(0)) db.close()
})

/** Runs `read` as a live query and counts its runs. */
function watch<T>(read: () => Promise<T> | T): { runs: number } {
  const counter = { runs: 0 }
  const subscription = liveQuery(() => {
    counter.runs++
    return read()
  }).subscribe({ error: () => undefined })
  stops.push(() => subscription.unsubscribe())
  return counter
}

const settle = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A fresh sync's batches: cards with real-shaped related lists (30 items each), every path clean. */
function heavyBatches(batches: number, cardsPerBatch: number): LibraryBatch[] {
  return Array.from({ length: batches }, (_, b) => {
    const upsert = Array.from({ length: cardsPerBatch }, (_, n) =>
      makeCard(`b${b}c${n}`, { related: Array.from({ length: 30 }, (_, r) => makeRelated(`b${b}c${n}r${r}`, { webUrl: `https://other.example.com/b${b}c${n}r${r}` })) })
    )
    const files = upsert.map((card) => ({ path: card.path, size: 24_000, mtimeMs: 1, id: card.id, publishedAtMs: card.publishedAtMs }))
    return { folder: FOLDER, seq: b + 1, upsert, remove: [], files, removedFiles: [], errors: [], clearedErrors: files.map((file) => file.path) }
  })
}

describe('live queries during a sync', () => {
  it('errors, recent folders, saved views and settings do not re-run on the batch commits of a heavy sync', async () => {
    const db = openTestDb(freshDbName())
    opened.push(db)
    await db.open()
    await db.folders.put({ folder: FOLDER, name: 'heavy', openedAt: 1, lastSyncAt: null })
    // The one setting the reader watches live (features/settings: MARK_READ_KEY).
    await db.settings.put({ key: 'reader.markRead', value: 'on-open' })
    const watched = {
      errors: watch(() => readErrors(db, FOLDER)),
      recent: watch(() => readRecentFolders(db)),
      views: watch(() => readSavedViews(db)),
      setting: watch(() => readSetting(db, 'reader.markRead'))
    }
    // The control: a live query on the detail packs re-runs on commits, so the counting works.
    const cards = watch(() => db.detailPacks.count())
    await settle()
    const before = Object.fromEntries(Object.entries(watched).map(([name, counter]) => [name, counter.runs]))
    const cardsBefore = cards.runs

    const writer = new BatchWriter(db, (_folder, error) => {
      throw error
    })
    const batches = heavyBatches(8, 60)
    for (const batch of batches) writer.write(FOLDER, [batch])
    await writer.idle(FOLDER)
    await settle()

    expect(await detailPacksOf(db).count(FOLDER)).toBe(8 * 60)
    expect(cards.runs - cardsBefore).toBeGreaterThan(5)
    expect(Object.fromEntries(Object.entries(watched).map(([name, counter]) => [name, counter.runs]))).toEqual(before)
  })
})
