import { Dexie } from 'dexie'
import { IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { TidingsDatabase } from '../db/database'
import { startLibrary } from './controller'
import { buildManifest } from './manifest'
import { makeCard, makeRelated } from './testing/cards'
import { FakeMain } from './testing/fake-main'
import { fakeIndexedDB, freshDbName, openTestDb, startOn, stop, titles, type Started } from './testing/harness'

const FOLDER = '/cards/news'
const running: Started[] = []

async function start(main: FakeMain, dbName = freshDbName()): Promise<Started> {
  const started = await startOn(main, dbName)
  running.push(started)
  return started
}

function mainWith(count: number): FakeMain {
  const main = new FakeMain()
  main.addFolder(FOLDER)
  main.initialFolder = FOLDER
  for (let n = 0; n < count; n++) main.writeCard(FOLDER, makeCard(`s${n}`, { publishedAtMs: 1_700_000_000_000 + n }))
  return main
}

const idOf = (slug: string) => makeCard(slug).id

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`gave up waiting for ${what}`)
}

afterEach(async () => {
  for (const started of running.splice(0)) {
    // Whatever a test did, the screen and IndexedDB end up holding the same cards.
    const { library, db } = started
    await library.whenIdle()
    const folder = library.store.getStatus().folder
    if (folder !== null) {
      const stored = await db.cards.where('[folder+id]').between([folder, Dexie.minKey], [folder, Dexie.maxKey]).toArray()
      const shown = [...library.store.getRowsSnapshot().rows.values()]
      expect(stored.map((row) => [row.id, row.path, row.title]).sort()).toEqual(shown.map((row) => [row.id, row.path, row.title]).sort())
    }
    await stop(started)
  }
})

describe('syncing a folder', () => {
  it('fills the library from the folder, newest first, in several batches', async () => {
    const main = mainWith(120)
    const { library, db } = await start(main)
    expect(library.store.getStatus()).toMatchObject({ folder: FOLDER, phase: 'ready', cardCount: 120, available: true })
    expect(await db.cards.count()).toBe(120)
    expect(await db.cardDetails.get([FOLDER, idOf('s7')])).toMatchObject({ card: { title: 'Story s7' } })
  })

  it('shows what IndexedDB holds before main answers, and a restart with nothing changed re-reads no file', async () => {
    const main = mainWith(30)
    const dbName = freshDbName()
    await stop(await startOn(main, dbName))

    let openFolder = (): void => {}
    main.openFolderGate = new Promise((resolve) => (openFolder = resolve))
    const db = openTestDb(dbName)
    const library = startLibrary(main, db)
    running.push({ main, db, library })
    await library.started
    expect(library.store.getStatus().cardCount).toBe(30)
    expect(main.syncCalls).toHaveLength(1)

    openFolder()
    main.openFolderGate = null
    await library.whenIdle()
    expect(library.store.getStatus().lastSync).toMatchObject({ parsed: 0, unchanged: 30 })
  })

  it('shows cards from a batch before IndexedDB has written them', async () => {
    const main = mainWith(1)
    const { library, db } = await start(main)
    // Keeps a write transaction on the cards store busy, as a long sync does in Chromium.
    let holding = true
    const transaction = db.backendDB().transaction('cards', 'readwrite')
    const spin = () => {
      if (holding) transaction.objectStore('cards').count().onsuccess = spin
    }
    spin()

    main.writeCard(FOLDER, makeCard('fresh', { title: 'Just arrived' }))
    main.flushChanges(FOLDER)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(library.store.row(idOf('fresh'))?.title).toBe('Just arrived')
    expect(library.unwrittenCard(idOf('fresh'))).toMatchObject({ title: 'Just arrived' })

    holding = false
    await library.whenIdle()
    expect(library.unwrittenCard(idOf('fresh'))).toBeUndefined()
    expect((await db.cardDetails.get([FOLDER, idOf('fresh')]))?.card.title).toBe('Just arrived')
  })

  it('restarts from its row pages, and a change after them is not lost', async () => {
    const main = mainWith(20)
    const dbName = freshDbName()
    const first = await startOn(main, dbName, { rowPagesDelayMs: 1 })
    await until(async () => (await first.db.rowPages.count()) > 0, 'the row pages')
    main.writeCard(FOLDER, makeCard('s3', { title: 'Rewritten after the pages' }))
    main.deleteFile(FOLDER, makeCard('s4').path)
    main.flushChanges(FOLDER)
    await first.library.whenIdle()
    await stop(first)

    const { library } = await start(main, dbName)
    expect(library.store.row(idOf('s3'))?.title).toBe('Rewritten after the pages')
    expect(library.store.row(idOf('s4'))).toBeUndefined()
    expect(library.store.getStatus().cardCount).toBe(19)
    expect(library.store.getStatus().lastSync).toMatchObject({ parsed: 0 })
  })

  it('applies batches in seq order when they arrive out of order', async () => {
    const main = mainWith(3)
    const { library } = await start(main)
    main.held = []
    main.writeCard(FOLDER, makeCard('s1', { title: 'First rewrite' }))
    main.flushChanges(FOLDER)
    main.writeCard(FOLDER, makeCard('s1', { title: 'Second rewrite' }))
    main.flushChanges(FOLDER)
    main.deleteFile(FOLDER, makeCard('s2').path)
    main.flushChanges(FOLDER)
    main.release((events) => [...events].reverse())
    await library.whenIdle()

    expect(library.store.row(idOf('s1'))?.title).toBe('Second rewrite')
    expect(library.store.row(idOf('s2'))).toBeUndefined()
    // Held back and put in order, not repaired by a second sync.
    expect(main.syncCalls).toHaveLength(1)
  })

  it('repairs a lost batch with a resync', async () => {
    const main = mainWith(2)
    const { library } = await start(main)
    main.held = []
    main.writeCard(FOLDER, makeCard('s0', { title: 'Lost rewrite' }))
    main.flushChanges(FOLDER)
    main.writeCard(FOLDER, makeCard('s9', { title: 'New card' }))
    main.flushChanges(FOLDER)
    main.release((events) => events.slice(1))
    await new Promise((resolve) => setTimeout(resolve, 120))
    await library.whenIdle()

    expect(library.store.row(idOf('s0'))?.title).toBe('Lost rewrite')
    expect(library.store.row(idOf('s9'))?.title).toBe('New card')
  })

  it('catches up on changes missed while the event stream was down', async () => {
    const main = mainWith(2)
    const { library } = await start(main)
    main.held = []
    main.writeCard(FOLDER, makeCard('s0', { title: 'Changed while away' }))
    main.deleteFile(FOLDER, makeCard('s1').path)
    main.flushChanges(FOLDER)
    main.reconnect()
    await library.whenIdle()
    expect(titles(library)).toEqual(['Changed while away'])
  })

  it('builds a manifest from the files table that matches what was applied', async () => {
    const main = mainWith(5)
    main.writeBadFile(FOLDER, 'broken.md')
    const { library, db } = await start(main)
    main.renameFile(FOLDER, makeCard('s3').path, 'renamed/s3.md')
    main.deleteFile(FOLDER, makeCard('s4').path)
    main.flushChanges(FOLDER)
    await library.whenIdle()

    const manifest = await buildManifest(db, FOLDER)
    const sentAgain = await (async () => {
      main.syncCalls.length = 0
      await library.resync()
      return main.syncCalls[0].manifest
    })()
    expect(manifest.map((entry) => entry.path).sort()).toEqual(['2024-01-01-s0.md', '2024-01-01-s1.md', '2024-01-01-s2.md', 'broken.md', 'renamed/s3.md'])
    expect(manifest.find((entry) => entry.path === 'renamed/s3.md')?.id).toBe(idOf('s3'))
    expect(manifest.find((entry) => entry.path === 'broken.md')?.id).toBeNull()
    expect(sentAgain).toEqual(manifest)
    expect(library.store.getStatus().lastSync).toMatchObject({ parsed: 0 })
  })

  it('keeps a card whose file turns bad, with its error, until the file is fixed', async () => {
    const main = mainWith(2)
    const { library, db } = await start(main)
    const path = makeCard('s1').path
    main.writeBadFile(FOLDER, path, 'bad indentation at line 3')
    main.flushChanges(FOLDER)
    await library.whenIdle()
    expect(library.store.row(idOf('s1'))?.title).toBe('Story s1')
    expect(library.store.getErrorsSnapshot().errors.get(path)?.message).toBe('bad indentation at line 3')
    expect(library.store.getStatus().errorCount).toBe(1)

    main.writeCard(FOLDER, makeCard('s1', { title: 'Fixed' }))
    main.flushChanges(FOLDER)
    await library.whenIdle()
    expect(library.store.row(idOf('s1'))?.title).toBe('Fixed')
    expect(library.store.getStatus().errorCount).toBe(0)
    expect(await db.errors.count()).toBe(0)
  })

  it('clears an error that comes and goes within one delivery', async () => {
    const main = mainWith(2)
    const { library, db } = await start(main)
    main.held = []
    main.writeBadFile(FOLDER, 'flaky.md')
    main.flushChanges(FOLDER)
    main.writeCard(FOLDER, makeCard('flaky'), 'flaky.md')
    main.flushChanges(FOLDER)
    main.release((events) => [events[1], events[0]])
    await library.whenIdle()
    expect(library.store.getStatus().errorCount).toBe(0)
    expect(await db.errors.count()).toBe(0)
    expect(library.store.row(idOf('flaky'))?.path).toBe('flaky.md')
  })
})

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

  it('survive a rewrite that adds related coverage, and the related rows follow', async () => {
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
    const related = await db.related.where('[folder+cardId]').equals([FOLDER, id]).toArray()
    expect(related.map((row) => row.url)).toEqual(['https://other.example.org/a', 'https://other.example.org/b', 'https://other.example.org/c'])
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
    running.push({ main, db, library })
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

describe('several folders', () => {
  it('switching back shows the cached cards before main answers', async () => {
    const main = mainWith(3)
    const other = '/cards/other'
    main.addFolder(other)
    main.writeCard(other, makeCard('o1'))
    const { library } = await start(main)

    await library.switchFolder(other)
    await library.whenIdle()
    expect(titles(library)).toEqual(['Story o1'])

    let answer = (): void => {}
    main.openFolderGate = new Promise((resolve) => (answer = resolve))
    await library.switchFolder(FOLDER)
    expect(library.store.getStatus().folder).toBe(FOLDER)
    expect(titles(library)).toEqual(['Story s0', 'Story s1', 'Story s2'])
    const recent = await library.db.folders.orderBy('openedAt').reverse().toArray()
    expect(recent.map((row) => row.folder)).toEqual([other, FOLDER])
    answer()
  })

  it('refuses a folder main cannot open, and keeps showing the current one', async () => {
    const main = mainWith(2)
    const { library } = await start(main)
    await expect(library.switchFolder('/no/such/folder')).rejects.toThrow(/no such folder/)
    expect(library.store.getStatus().folder).toBe(FOLDER)
    expect(titles(library)).toHaveLength(2)
  })

  it('keeps showing a folder that became unreachable, and says so', async () => {
    const main = mainWith(2)
    const dbName = freshDbName()
    await stop(await startOn(main, dbName))
    main.removeFolder(FOLDER)
    const { library } = await start(main, dbName)
    expect(library.store.getStatus()).toMatchObject({ available: false, cardCount: 2 })
    expect(library.store.getStatus().unavailableReason).toMatch(/no such folder/)

    main.addFolder(FOLDER)
    main.writeCard(FOLDER, makeCard('back'))
    await new Promise((resolve) => setTimeout(resolve, 120))
    await library.whenIdle()
    expect(library.store.getStatus().available).toBe(true)
    expect(titles(library)).toEqual(['Story back'])
  })
})
