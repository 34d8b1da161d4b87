import { afterEach, describe, expect, it } from 'vitest'
import type { LibraryBatch } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'
import { applyBatches } from './apply-batch'
import { toCardRow } from './card-row'
import { loadFolderRows } from './load-folder'
import { loadRowPages, RowPagesSaver, saveRowPages, type RowsToSave } from './row-pages'
import { SerialQueue } from '../../../shared/serial-queue'
import { makeCard } from './testing/cards'
import { freshDbName, openTestDb } from './testing/harness'

const FOLDER = '/cards'
const opened: TidingsDatabase[] = []
const batch = (seq: number, cards = [makeCard(`c${seq}`)]): LibraryBatch => ({
  folder: FOLDER,
  seq,
  upsert: cards,
  remove: [],
  files: cards.map((card) => ({ path: card.path, size: 1, mtimeMs: seq, id: card.id, publishedAtMs: card.publishedAtMs })),
  removedFiles: [],
  errors: [],
  clearedErrors: []
})

async function db(): Promise<TidingsDatabase> {
  const database = openTestDb(freshDbName())
  opened.push(database)
  await database.open()
  return database
}

afterEach(() => {
  for (const database of opened.splice(0)) database.close()
})

describe('row pages', () => {
  it('give back the rows they were written with, across several pages', async () => {
    const database = await db()
    const rows = Array.from({ length: 12_001 }, (_, n) => toCardRow(FOLDER, makeCard(`r${n}`)))
    await saveRowPages(database, FOLDER, rows)
    expect(await database.rowPages.count()).toBe(13)
    expect((await loadRowPages(database, FOLDER))?.map((row) => row.id)).toEqual(rows.map((row) => row.id))
    expect(await loadRowPages(database, '/other')).toBeNull()
  })

  it('hold what was saved, and the writes after them (the row log) layer over them until the next save folds them in', async () => {
    const database = await db()
    await applyBatches(database, FOLDER, [batch(1), batch(2)])
    await saveRowPages(database, FOLDER, [toCardRow(FOLDER, makeCard('c1')), toCardRow(FOLDER, makeCard('c2'))])
    expect(await database.rowLog.count()).toBe(0)
    const rewritten = makeCard('c1', { title: 'Rewritten' })
    await applyBatches(database, FOLDER, [batch(3), { ...batch(4, [rewritten]), remove: [makeCard('c2').id] }])
    expect(await loadRowPages(database, FOLDER)).toHaveLength(2)

    const loaded = new Map<string, string>()
    expect(await loadFolderRows(database, FOLDER, (rows) => rows.forEach((row) => loaded.set(row.id, row.title)))).toBe('cards')
    expect([...loaded.values()].sort()).toEqual(['Rewritten', 'Story c3'])
  })

  it('are what a restart loads when valid', async () => {
    const database = await db()
    await applyBatches(database, FOLDER, [batch(1), batch(2)])
    await saveRowPages(database, FOLDER, [toCardRow(FOLDER, makeCard('c1')), toCardRow(FOLDER, makeCard('c2'))])
    const loaded: string[] = []
    expect(await loadFolderRows(database, FOLDER, (rows) => loaded.push(...rows.map((row) => row.title)))).toBe('pages')
    expect([...new Set(loaded)].sort()).toEqual(['Story c1', 'Story c2'])
  })

  it('are not saved in a quiet spell while a sync runs, but once it is over', async () => {
    const database = await db()
    const queue = new SerialQueue()
    const writes = { queue: () => queue, countsOf: () => ({ received: 0, written: 0 }), settled: async () => {} }
    const rows = new Map([['c1', toCardRow(FOLDER, makeCard('c1'))]])
    const now: RowsToSave = { folder: FOLDER, rows, loading: false, syncing: true }
    const saver = new RowPagesSaver(database, writes, () => now, 1)
    try {
      saver.changed()
      await new Promise((resolve) => setTimeout(resolve, 60))
      await queue.run(async () => {})
      expect(await database.rowPages.count()).toBe(0)
      now.syncing = false
      await new Promise((resolve) => setTimeout(resolve, 60))
      await queue.run(async () => {})
      expect((await loadRowPages(database, FOLDER))?.map((row) => row.id)).toEqual([rows.get('c1')!.id])
    } finally {
      saver.dispose()
    }
  })
})
