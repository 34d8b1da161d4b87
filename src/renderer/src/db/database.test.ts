import { Dexie } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { cardOfStored } from '../data/stored-detail'
import { describe, expect, it } from 'vitest'
import { cardDetailKey, LATEST_VERSION, TidingsDatabase, versionsUpTo } from './database'
import { openDatabase } from './open-database'
import { buildManifest } from '../data/manifest'
import { loadFolderRows } from '../data/load-folder'
import { applyBatches } from '../data/apply-batch'
import { detailPacksOf } from '../data/detail-packs'
import { makeCard } from '../data/testing/cards'

const options = { indexedDB, IDBKeyRange }
let counter = 0
const freshName = () => `tidings-db-test-${Date.now()}-${++counter}`

// A database as an older release left it on a user's disk.
function olderRelease(name: string, version: number): Dexie {
  const old = new Dexie(name, options)
  versionsUpTo(old, version)
  return old
}
const versionOne = (name: string): Dexie => olderRelease(name, 1)

describe('TidingsDatabase versions', () => {
  it('upgrades a version 1 database in place, keeping marks, files and saved views', async () => {
    const name = freshName()
    const old = versionOne(name)
    await old.table('states').put({ id: 'https://a.example/1', read: true, readAt: 5, starred: false, starredAt: null, updatedAt: 5 })
    await old.table('files').put({ folder: '/f', path: 'a.md', size: 10, mtimeMs: 20, id: 'https://a.example/1', publishedAtMs: null })
    await old.table('savedViews').add({ name: 'AI', query: 'topic:AI', filters: {}, createdAt: 1 })
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    const db = new TidingsDatabase(name, options)
    const opening = await openDatabase(db)
    expect(opening).toEqual({ fresh: false, rebuiltBecause: null })
    expect(db.verno).toBe(LATEST_VERSION)
    expect(await db.states.get('https://a.example/1')).toMatchObject({ read: true })
    expect(await buildManifest(db, '/f')).toEqual([{ path: 'a.md', size: 10, mtimeMs: 20, id: 'https://a.example/1', publishedAtMs: null }])
    expect((await db.savedViews.toArray()).map((view) => view.name)).toEqual(['AI'])
    expect([...db.backendDB().transaction('filePages').objectStore('filePages').indexNames]).toEqual([])
    db.close()
  })

  it('version 4 keeps the cards and only the two card indexes something reads: newest first and by URL', async () => {
    const name = freshName()
    const old = versionOne(name)
    const row = { folder: '/f', id: 'https://a.example/1', title: 'One', publishedAtMs: 7, providerName: 'A', topics: ['AI'], type: 'article', quality: 5, heat: 1, urls: ['https://a.example/1', 'https://amp.a.example/1'] }
    await old.table('cards').put(row)
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    // As release 4 opened it (version 7 dropped the URL index too).
    const db = olderRelease(name, 4)
    await db.open()
    expect([...db.backendDB().transaction('cards').objectStore('cards').indexNames].sort()).toEqual(['[folder+publishedAtMs]', 'urls'])
    expect(await db.table('cards').get(['/f', row.id])).toMatchObject({ title: 'One' })
    expect((await db.table('cards').where('urls').equals('https://amp.a.example/1').toArray()).map((card) => card.id)).toEqual([row.id])
    expect(await db.table('cards').where('[folder+publishedAtMs]').between(['/f', Dexie.minKey], ['/f', Dexie.maxKey]).count()).toBe(1)
    db.close()
  })

  it('version 5 deletes the related rows of version 4 and keeps the cards, their details and the marks', async () => {
    const name = freshName()
    const old = olderRelease(name, 4)
    const id = 'https://a.example/1'
    await old.table('cards').put({ folder: '/f', id, title: 'One', publishedAtMs: 7, urls: [id] })
    await old.table('cardDetails').put({ folder: '/f', id, card: { id, title: 'One', related: [{ title: 'Elsewhere' }] } })
    await old.table('related').bulkPut([0, 1, 2].map((index) => ({ folder: '/f', cardId: id, index, url: `https://b.example/${index}`, title: `Item ${index}`, providerName: 'B', publishedAtMs: index })))
    await old.table('states').put({ id, read: true, readAt: 5, starred: true, starredAt: 5, updatedAt: 5 })
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    expect(await old.table('related').count()).toBe(3)
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    expect(db.verno).toBeGreaterThanOrEqual(5)
    expect(db.backendDB().objectStoreNames.contains('related')).toBe(false)
    expect(db.tables.map((table) => table.name)).not.toContain('related')
    expect(await db.cards.get(['/f', id])).toMatchObject({ title: 'One' })
    expect((await cardOfStored(await db.details.get(cardDetailKey('/f', id))))?.related).toEqual([{ title: 'Elsewhere' }])
    expect(await db.states.get(id)).toMatchObject({ read: true, starred: true })
    db.close()
  })

  it('version 6 moves each detail to a store keyed outside the value (the card itself), keeping the cards and the marks', async () => {
    const name = freshName()
    const old = olderRelease(name, 5)
    const ids = ['https://a.example/1', 'https://a.example/2']
    await old.table('cards').bulkPut(ids.map((id) => ({ folder: '/f', id, title: id, publishedAtMs: 7, urls: [id] })))
    await old.table('cardDetails').bulkPut(ids.map((id) => ({ folder: '/f', id, card: { id, title: `Card ${id}`, related: [{ title: 'Elsewhere' }] } })))
    await old.table('cardDetails').put({ folder: '/g', id: ids[0], card: { id: ids[0], title: 'The same id in another folder', related: [] } })
    await old.table('states').put({ id: ids[0], read: true, readAt: 5, starred: true, starredAt: 5, updatedAt: 5 })
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    expect(db.verno).toBeGreaterThanOrEqual(6)
    expect(db.backendDB().objectStoreNames.contains('cardDetails')).toBe(false)
    expect(await db.details.count()).toBe(3)
    expect(await cardOfStored(await db.details.get(cardDetailKey('/f', ids[1])))).toEqual({ id: ids[1], title: `Card ${ids[1]}`, related: [{ title: 'Elsewhere' }] })
    expect((await cardOfStored(await db.details.get(cardDetailKey('/g', ids[0]))))?.title).toBe('The same id in another folder')
    expect(await db.cards.count()).toBe(2)
    expect(await db.states.get(ids[0])).toMatchObject({ read: true, starred: true })
    db.close()
  })

  it('version 6 folds the typographic quotes of stored haystacks, as a search term is folded, and drops the row pages holding the old ones', async () => {
    const name = freshName()
    const old = olderRelease(name, 5)
    const row = { folder: '/f', id: 'https://a.example/1', title: 'Don’t panic', publishedAtMs: 7, urls: [], searchText: 'don’t panic\n“quoted” coverage' }
    const plain = { ...row, id: 'https://a.example/2', searchText: 'nothing to fold' }
    await old.table('cards').bulkPut([row, plain])
    await old.table('rowPages').put({ folder: '/f', page: 0, rows: [row, plain] })
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    expect((await db.cards.get(['/f', row.id]))?.searchText).toBe('don\'t panic\n"quoted" coverage')
    expect((await db.cards.get(['/f', plain.id]))?.searchText).toBe('nothing to fold')
    expect(await db.rowPages.count()).toBe(0)
    db.close()
  })

  it('version 7 packs the file rows of version 6 into the manifest log per folder, drops the URL index, and keeps cards, details and marks', async () => {
    const name = freshName()
    const old = olderRelease(name, 6)
    const entry = (path: string, id: string | null, mtimeMs = 20) => ({ path, size: 10, mtimeMs, id, publishedAtMs: 7 })
    const ids = Array.from({ length: 12_001 }, (_, n) => `https://a.example/${n}`)
    await old.table('files').bulkPut(ids.map((id, n) => ({ folder: '/f', ...entry(`c${n}.md`, id) })))
    await old.table('files').bulkPut([{ folder: '/g', ...entry('broken.md', null) }, { folder: '/g', ...entry('c0.md', ids[0], 99) }])
    await old.table('cards').bulkPut(ids.slice(0, 2).map((id) => ({ folder: '/f', id, title: id, publishedAtMs: 7, urls: [id], searchText: id })))
    await old.table('details').put({ id: ids[0], title: 'Card one', related: [] }, cardDetailKey('/f', ids[0]))
    await old.table('states').bulkPut(ids.slice(0, 3).map((id, n) => ({ id, read: n !== 1, readAt: 5, starred: n === 1, starredAt: 5, updatedAt: 5 })))
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    expect(db.verno).toBeGreaterThanOrEqual(7)
    expect(db.backendDB().objectStoreNames.contains('files')).toBe(false)
    expect([...db.backendDB().transaction('cards').objectStore('cards').indexNames]).toEqual(['[folder+publishedAtMs]'])
    // A few thousand entries a record, every entry kept, each folder apart.
    expect((await db.filePages.toCollection().primaryKeys()).filter(([folder]) => folder === '/f')).toHaveLength(3)
    const manifest = await buildManifest(db, '/f')
    expect(manifest).toHaveLength(ids.length)
    expect(manifest.find((item) => item.path === 'c5.md')).toEqual(entry('c5.md', ids[5]))
    expect(await buildManifest(db, '/g')).toEqual([entry('broken.md', null), entry('c0.md', ids[0], 99)])
    // The marks, the cards (newest first, as a restart reads them) and the details stay.
    expect((await db.states.bulkGet(ids.slice(0, 3))).map((mark) => [mark?.read, mark?.starred])).toEqual([
      [true, false],
      [false, true],
      [true, false]
    ])
    const rows = new Set<string>()
    await loadFolderRows(db, '/f', (batch) => batch.forEach((row) => rows.add(row.id)))
    expect([...rows].sort()).toEqual(ids.slice(0, 2).sort())
    expect((await cardOfStored(await db.details.get(cardDetailKey('/f', ids[0]))))?.title).toBe('Card one')
    // A re-index after the upgrade writes the row log over the old cards table: a rewrite and a removal win there.
    const batch = { folder: '/f', seq: 1, upsert: [makeCard('fresh')], remove: [ids[1]], files: [], removedFiles: [], errors: [], clearedErrors: [] }
    await applyBatches(db, '/f', [batch, { ...batch, seq: 2, upsert: [{ ...makeCard('zero'), id: ids[0], title: 'Rewritten' }], remove: [] }])
    const after = new Map<string, string>()
    await loadFolderRows(db, '/f', (batch) => batch.forEach((row) => after.set(row.id, row.title)))
    expect(Object.fromEntries(after)).toEqual({ [ids[0]]: 'Rewritten', [makeCard('fresh').id]: 'Story fresh' })
    expect((await db.states.get(ids[1]))?.starred).toBe(true)
    db.close()
  })

  it('version 8 adds the detail packs and still reads each detail version 7 stored per card', async () => {
    const name = freshName()
    const old = olderRelease(name, 7)
    const id = 'https://a.example/1'
    await old.table('details').put({ id, title: 'Stored by version 7', related: [{ title: 'Elsewhere' }] }, cardDetailKey('/f', id))
    await old.table('states').put({ id, read: true, readAt: 5, starred: false, starredAt: null, updatedAt: 5 })
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    expect(db.verno).toBeGreaterThanOrEqual(8)
    expect((await cardOfStored(await detailPacksOf(db).read('/f', id)))?.related).toEqual([{ title: 'Elsewhere' }])
    expect((await db.states.get(id))?.read).toBe(true)
    db.close()
  })

  it('version 9 folds dashes and odd spaces in every stored haystack (cards, row pages, row log), as a search term is folded', async () => {
    const name = freshName()
    const old = olderRelease(name, 8)
    const row = (id: string, searchText: string) => ({ folder: '/f', id, title: id, publishedAtMs: 7, urls: [], searchText })
    const inCards = row('https://a.example/1', 'vote\u2014live\nday\u202f2')
    const inPage = row('https://a.example/2', 'covid\u201119 \u2013 update')
    const plain = row('https://a.example/3', 'nothing to fold')
    const inLog = row('https://a.example/4', 'what\u2019s next\u2026')
    await old.table('cards').put(inCards)
    await old.table('rowPages').put({ folder: '/f', page: 0, rows: [inPage, plain] })
    await old.table('settings').bulkPut([
      { key: 'createdAt', value: 1 },
      { key: 'rowPages:/f', value: { valid: true, pages: 1, rows: 2 } }
    ])
    await old.table('rowLog').add({ removed: [], rows: [inLog] }, ['/f', 0])
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    const haystacks = new Map<string, string>()
    await loadFolderRows(db, '/f', (rows) => rows.forEach((loaded) => haystacks.set(loaded.id, loaded.searchText)))
    expect(Object.fromEntries(haystacks)).toEqual({
      [inCards.id]: 'vote-live\nday 2',
      [inPage.id]: 'covid-19 - update',
      [plain.id]: 'nothing to fold',
      [inLog.id]: "what's next."
    })
    db.close()
  })
})
