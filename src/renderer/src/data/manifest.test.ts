import { afterEach, describe, expect, it } from 'vitest'
import type { LibraryBatch, ManifestEntry } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'
import { applyBatches } from './apply-batch'
import { buildManifest } from './manifest'
import { makeCard } from './testing/cards'
import { freshDbName, openTestDb } from './testing/harness'

const FOLDER = '/cards'
const batch = (parts: Partial<LibraryBatch>): LibraryBatch => ({ folder: FOLDER, seq: 1, upsert: [], remove: [], files: [], removedFiles: [], errors: [], clearedErrors: [], ...parts })
const entry = (path: string, id: string, mtimeMs = 1): ManifestEntry => ({ path, size: 1, mtimeMs, id, publishedAtMs: null })
const byPath = (manifest: ManifestEntry[]): Record<string, ManifestEntry> => Object.fromEntries(manifest.map((item) => [item.path, item]))

const opened: TidingsDatabase[] = []
afterEach(() => opened.splice(0).forEach((db) => db.close()))

async function freshDb(): Promise<TidingsDatabase> {
  const db = openTestDb(freshDbName())
  opened.push(db)
  await db.open()
  return db
}

describe('the manifest log', () => {
  it('follows files added, rewritten, renamed and removed across writes, folder by folder', async () => {
    const db = await freshDb()
    const [a, b, c] = ['a', 'b', 'c'].map((id) => makeCard(id))
    await applyBatches(db, FOLDER, [batch({ upsert: [a, b, c], files: [entry('a.md', a.id), entry('b.md', b.id), entry('c.md', c.id)] })])
    await applyBatches(db, '/other', [batch({ folder: '/other', upsert: [a], files: [entry('a.md', a.id, 50)] })])
    // Rewritten, renamed (the old path goes, the new one comes) and removed, in separate writes.
    await applyBatches(db, FOLDER, [batch({ upsert: [a], files: [entry('a.md', a.id, 2)] })])
    await applyBatches(db, FOLDER, [batch({ upsert: [b], removedFiles: ['b.md'], files: [entry('b-renamed.md', b.id, 3)] })])
    await applyBatches(db, FOLDER, [batch({ remove: [c.id], removedFiles: ['c.md'] })])
    // A removed path that comes back in a later write is there again.
    await applyBatches(db, FOLDER, [batch({ upsert: [c], files: [entry('c.md', c.id, 4)] })])

    expect(byPath(await buildManifest(db, FOLDER))).toEqual({
      'a.md': entry('a.md', a.id, 2),
      'b-renamed.md': entry('b-renamed.md', b.id, 3),
      'c.md': entry('c.md', c.id, 4)
    })
    expect(await buildManifest(db, '/other')).toEqual([entry('a.md', a.id, 50)])
    // An entry whose card the page does not hold is left out, so the host reads that file again.
    expect((await buildManifest(db, FOLDER, (id) => id !== b.id)).map((item) => item.path).sort()).toEqual(['a.md', 'c.md'])
  })

  it('packs a long log when read, keeping the same manifest', async () => {
    const db = await freshDb()
    const cards = Array.from({ length: 200 }, (_, n) => makeCard(`card${n}`))
    for (const [n, card] of cards.entries()) {
      await applyBatches(db, FOLDER, [batch({ upsert: [card], files: [entry(`${n}.md`, card.id)], removedFiles: n % 10 === 9 ? [`${n - 1}.md`] : [] })])
    }
    expect(await db.filePages.count()).toBe(200)
    const before = await buildManifest(db, FOLDER)
    expect(before).toHaveLength(180)
    expect(await db.filePages.count()).toBe(1)
    expect(byPath(await buildManifest(db, FOLDER))).toEqual(byPath(before))
    await applyBatches(db, FOLDER, [batch({ removedFiles: ['0.md'], files: [entry('new.md', cards[0].id)] })])
    const after = byPath(await buildManifest(db, FOLDER))
    expect(after['0.md']).toBeUndefined()
    expect(after['new.md']).toEqual(entry('new.md', cards[0].id))
  })
})
