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
    expect(await database.rowPages.count()).toBeGreaterThan(1)
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

  it('keep the old pages until the new ones are all written, and keep a write made while they are', async () => {
    const database = await db()
    await applyBatches(database, FOLDER, [batch(1), batch(2)])
    await saveRowPages(database, FOLDER, [toCardRow(FOLDER, makeCard('c1')), toCardRow(FOLDER, makeCard('c2'))])
    await applyBatches(database, FOLDER, [batch(3)])
    const midway: number[] = []
    const rows = ['c1', 'c2', 'c3'].map((slug) => toCardRow(FOLDER, makeCard(slug)))
    await saveRowPages(database, FOLDER, rows, async () => {
      midway.push((await loadRowPages(database, FOLDER))?.length ?? -1)
      await applyBatches(database, FOLDER, [batch(4)])
    })
    expect(midway).toEqual([2])
    expect(await loadRowPages(database, FOLDER)).toHaveLength(3)
    const loaded: string[] = []
    await loadFolderRows(database, FOLDER, (found) => loaded.push(...found.map((row) => row.title)))
    expect([...new Set(loaded)].sort()).toEqual(['Story c1', 'Story c2', 'Story c3', 'Story c4'])
  })

  it('left unfinished, leave the last saved pages in place, and the next save clears what it wrote', async () => {
    const database = await db()
    const before = Array.from({ length: 3 }, (_, n) => toCardRow(FOLDER, makeCard(`old${n}`)))
    await saveRowPages(database, FOLDER, before)
    const after = Array.from({ length: 2_500 }, (_, n) => toCardRow(FOLDER, makeCard(`r${n}`)))
    let turns = 0
    const closedMidway = async () => {
      if (++turns === 2) throw new Error('the window closed')
    }
    await expect(saveRowPages(database, FOLDER, after, closedMidway)).rejects.toThrow('the window closed')
    expect((await loadRowPages(database, FOLDER))?.map((row) => row.id)).toEqual(before.map((row) => row.id))

    await saveRowPages(database, FOLDER, after)
    expect((await loadRowPages(database, FOLDER))?.map((row) => row.id)).toEqual(after.map((row) => row.id))
    const pages = await database.rowPages.count()
    await saveRowPages(database, FOLDER, after)
    expect(await database.rowPages.count()).toBe(pages)
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
