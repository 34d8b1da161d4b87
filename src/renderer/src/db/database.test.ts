import { Dexie } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { FIRST_SCHEMA, TidingsDatabase } from './database'
import { openDatabase } from './open-database'

const options = { indexedDB, IDBKeyRange }
let counter = 0
const freshName = () => `tidings-db-test-${Date.now()}-${++counter}`

// The first shipped schema, as a user's disk would hold it.
function versionOne(name: string): Dexie {
  const old = new Dexie(name, options)
  old.version(1).stores(FIRST_SCHEMA)
  return old
}

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
    expect(db.verno).toBe(4)
    expect(await db.states.get('https://a.example/1')).toMatchObject({ read: true })
    expect(await db.files.where('[folder+path]').between(['/f', Dexie.minKey], ['/f', Dexie.maxKey]).count()).toBe(1)
    expect((await db.savedViews.toArray()).map((view) => view.name)).toEqual(['AI'])
    expect([...db.backendDB().transaction('files').objectStore('files').indexNames]).toEqual([])
    db.close()
  })

  it('version 4 keeps the cards and only the two card indexes something reads: newest first and by URL', async () => {
    const name = freshName()
    const old = versionOne(name)
    const row = { folder: '/f', id: 'https://a.example/1', title: 'One', publishedAtMs: 7, providerName: 'A', topics: ['AI'], type: 'article', quality: 5, heat: 1, urls: ['https://a.example/1', 'https://amp.a.example/1'] }
    await old.table('cards').put(row)
    await old.table('settings').put({ key: 'createdAt', value: 1 })
    old.close()

    const db = new TidingsDatabase(name, options)
    expect(await openDatabase(db)).toEqual({ fresh: false, rebuiltBecause: null })
    expect([...db.backendDB().transaction('cards').objectStore('cards').indexNames].sort()).toEqual(['[folder+publishedAtMs]', 'urls'])
    expect(await db.cards.get(['/f', row.id])).toMatchObject({ title: 'One' })
    expect((await db.cards.where('urls').equals('https://amp.a.example/1').toArray()).map((card) => card.id)).toEqual([row.id])
    expect(await db.cards.where('[folder+publishedAtMs]').between(['/f', Dexie.minKey], ['/f', Dexie.maxKey]).count()).toBe(1)
    db.close()
  })
})
