// Read and star marks through the controller: kept across removals, rewrites and renames, rebuilt from
// main's journal when IndexedDB is lost, and journaled once main can take them.
import { IDBKeyRange } from 'fake-indexeddb'
import { cardOfStored } from './stored-detail'
import { describe, expect, it } from 'vitest'
import { TidingsDatabase } from '../db/database'
import { startLibrary } from './controller'
import { makeCard, makeRelated } from './testing/cards'
import { FOLDER, idOf, mainWith, startedLibraries } from './testing/controller-suite'
import { fakeIndexedDB, freshDbName, openTestDb, startOn, stop, titles } from './testing/harness'
import { detailPacksOf } from './detail-packs'

const libraries = startedLibraries()
const start = libraries.start

describe('read and star marks', () => {
  it('survive a card being removed and coming back', async () => {
    const main = mainWith(3)
    const { library } = await start(main)
    const id = idOf('s1')
    await library.setRead(id, true)
    await library.setStarred(id, true)

    main.deleteFile(FOLDER, makeCard('s1').path)
    main.flushChanges(FOLDER)
    await library.whenIdle()
    expect(library.store.row(id)).toBeUndefined()

    main.writeCard(FOLDER, makeCard('s1'))
    main.flushChanges(FOLDER)
    await library.whenIdle()
    expect(library.store.row(id)).toBeDefined()
    expect(library.store.mark(id)).toMatchObject({ read: true, starred: true })
  })

  it('survive a rewrite that adds related coverage, and the stored card follows', async () => {
    const main = mainWith(2)
    main.writeCard(FOLDER, makeCard('s0', { related: [makeRelated('a')] }))
    const { library, db } = await start(main)
    const id = idOf('s0')
    await library.setRead(id, true)

    main.writeCard(FOLDER, makeCard('s0', { related: [makeRelated('a'), makeRelated('b'), makeRelated('c')] }))
    main.flushChanges(FOLDER)
    await library.whenIdle()
    expect(library.store.mark(id)?.read).toBe(true)
    expect(library.store.row(id)?.relatedCount).toBe(3)
    const stored = await cardOfStored(await detailPacksOf(db).read(FOLDER, id))
    expect(stored?.related.map((item) => item.webUrl)).toEqual(['https://other.example.org/a', 'https://other.example.org/b', 'https://other.example.org/c'])
  })

  it('survive a rename (same id, new path)', async () => {
    const main = mainWith(2)
    const { library } = await start(main)
    const id = idOf('s0')
    await library.setStarred(id, true)
    main.renameFile(FOLDER, makeCard('s0').path, 'moved/elsewhere.md')
    main.flushChanges(FOLDER)
    await library.whenIdle()
    expect(library.store.row(id)?.path).toBe('moved/elsewhere.md')
    expect(library.store.mark(id)?.starred).toBe(true)
  })

  it('come back from the journal when the database is wiped', async () => {
    const main = mainWith(4)
    const dbName = freshDbName()
    const first = await startOn(main, dbName)
    await first.library.setRead(idOf('s0'), true)
    await first.library.setStarred(idOf('s2'), true)
    await first.library.setRead(idOf('s3'), true)
    await first.library.setRead(idOf('s3'), false)
    await stop(first)
    await openTestDb(dbName).delete()

    const { library } = await start(main, dbName)
    expect(titles(library)).toHaveLength(4)
    expect(library.store.mark(idOf('s0'))?.read).toBe(true)
    expect(library.store.mark(idOf('s2'))?.starred).toBe(true)
    expect(library.store.mark(idOf('s3'))?.read).toBe(false)
    expect(library.store.getStatus().rebuildMessage).toMatch(/rebuilt from the folder.*3 read\/star marks were restored/)
  })

  it('come back from the journal when an upgrade fails, with a message saying so', async () => {
    const main = mainWith(2)
    const dbName = freshDbName()
    const first = await startOn(main, dbName)
    await first.library.setRead(idOf('s1'), true)
    await stop(first)

    // The next release's upgrade function throws on this user's data.
    class BrokenUpgrade extends TidingsDatabase {
      constructor() {
        super(dbName, { indexedDB: fakeIndexedDB, IDBKeyRange })
        this.version(this.verno + 1)
          .stores({})
          .upgrade(() => {
            throw new Error('upgrade bug')
          })
      }
    }
    const db = new BrokenUpgrade()
    const library = startLibrary(main, db)
    libraries.track({ main, db, library })
    await library.whenIdle()
    expect(library.store.getStatus().rebuildMessage).toMatch(/could not be opened \(.*upgrade bug.*\).*rebuilt from the folder.*1 read\/star mark was restored/)
    expect(titles(library)).toEqual(['Story s0', 'Story s1'])
    expect(library.store.mark(idOf('s1'))?.read).toBe(true)
  })

  it('rebuild a database whose stores are not the schema\'s', async () => {
    const main = mainWith(2)
    const dbName = freshDbName()
    const first = await startOn(main, dbName)
    await first.library.setStarred(idOf('s0'), true)
    await stop(first)
    await new Promise<void>((resolve, reject) => {
      const request = fakeIndexedDB.open(dbName, 9999)
      request.onupgradeneeded = () => {
        request.result.deleteObjectStore('states')
        request.result.createObjectStore('states', { keyPath: 'somethingElse' })
      }
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })

    const { library, db } = await start(main, dbName)
    expect(library.store.getStatus().rebuildMessage).toMatch(/states store has the wrong key/)
    expect(library.store.mark(idOf('s0'))?.starred).toBe(true)
    await library.setRead(idOf('s1'), true)
    expect((await db.states.get(idOf('s1')))?.read).toBe(true)
  })

  it('say nothing about a rebuild on a first run', async () => {
    const main = mainWith(1)
    main.recentFolders = [{ folder: FOLDER, name: 'news', openedAt: 1 }]
    const { library } = await start(main)
    expect(library.store.getStatus().rebuildMessage).toBeNull()
  })

  it('mark all read, and undo puts back only what it changed', async () => {
    const main = mainWith(3)
    const { library, db } = await start(main)
    await library.setRead(idOf('s0'), true)
    const result = await library.markAllRead([idOf('s0'), idOf('s1'), idOf('s2')])
    expect(result.changed).toBe(2)
    expect([0, 1, 2].map((n) => library.store.mark(idOf(`s${n}`))?.read)).toEqual([true, true, true])

    await result.undo()
    expect([0, 1, 2].map((n) => library.store.mark(idOf(`s${n}`))?.read)).toEqual([true, false, false])
    expect((await db.states.get(idOf('s1')))?.read).toBe(false)
    const journaled = main.journal.filter((mark) => mark.id === idOf('s1'))
    expect(journaled.map((mark) => mark.read)).toEqual([true, false])
  })

  it("are offered to main's journal as they are made, not after the database write (a page closed at once keeps them)", async () => {
    const main = mainWith(2)
    const { library } = await start(main)
    const result = await library.markAllRead([idOf('s0'), idOf('s1')])
    const undoing = result.undo()
    expect(main.journal.filter((mark) => mark.id === idOf('s1')).map((mark) => mark.read)).toEqual([true, false])
    await undoing
  })

  it('are journaled later when main cannot take them at first', async () => {
    const main = mainWith(1)
    const { library } = await start(main)
    main.failRecordMarks = 1
    await library.setRead(idOf('s0'), true)
    expect(main.journal).toHaveLength(0)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(main.journal.map((mark) => [mark.id, mark.read])).toEqual([[idOf('s0'), true]])
  })
})
