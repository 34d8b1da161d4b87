import { cardOfStored } from './stored-detail'
import { describe, expect, it } from 'vitest'
import { startLibrary, type LibraryOptions } from './controller'
import { buildManifest } from './manifest'
import { makeCard } from './testing/cards'
import { FOLDER, idOf, mainWith, startedLibraries } from './testing/controller-suite'
import { freshDbName, openTestDb, startOn, stop, storedRows, titles } from './testing/harness'
import { detailPacksOf } from './detail-packs'

const libraries = startedLibraries()
const start = libraries.start

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('syncing a folder', () => {
  it('fills the library from the folder, newest first, in several batches', async () => {
    const main = mainWith(120)
    const { library, db } = await start(main)
    expect(library.store.getStatus()).toMatchObject({ folder: FOLDER, phase: 'ready', cardCount: 120, available: true })
    expect((await storedRows(db, FOLDER)).size).toBe(120)
    expect(await cardOfStored(await detailPacksOf(db).read(FOLDER, idOf('s7')))).toMatchObject({ title: 'Story s7' })
  })

  it('shows what IndexedDB holds before main answers, and a restart with nothing changed re-reads no file', async () => {
    const main = mainWith(30)
    const dbName = freshDbName()
    await stop(await startOn(main, dbName))

    let openFolder = (): void => {}
    main.openFolderGate = new Promise((resolve) => (openFolder = resolve))
    const db = openTestDb(dbName)
    const library = startLibrary(main, db)
    libraries.track({ main, db, library })
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
    // Keeps a write transaction on the details store busy, as a long sync does in Chromium.
    let holding = true
    const transaction = db.backendDB().transaction('details', 'readwrite')
    const spin = () => {
      if (holding) transaction.objectStore('details').count().onsuccess = spin
    }
    spin()

    main.writeCard(FOLDER, makeCard('fresh', { title: 'Just arrived' }))
    main.flushChanges(FOLDER)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(library.store.row(idOf('fresh'))?.title).toBe('Just arrived')
    expect(await cardOfStored(library.unwrittenDetail(idOf('fresh')) ?? undefined)).toMatchObject({ title: 'Just arrived' })

    holding = false
    await library.whenIdle()
    expect(library.unwrittenDetail(idOf('fresh'))).toBeUndefined()
    expect((await cardOfStored(await detailPacksOf(db).read(FOLDER, idOf('fresh'))))?.title).toBe('Just arrived')
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

  /** A library whose first sync's answer has come back while its batch events are held (see FakeMain.held). */
  async function answeredBeforeItsBatches(count: number, options: LibraryOptions = {}) {
    const main = mainWith(count)
    main.held = []
    const db = openTestDb(freshDbName())
    const library = startLibrary(main, db, options)
    libraries.track({ main, db, library })
    await until(async () => main.syncCalls.length === 1, 'the sync')
    return { main, library }
  }

  it('says Ready only once it holds every batch of the sync, when the sync\'s answer comes before its last batches', async () => {
    const { main, library } = await answeredBeforeItsBatches(120)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(library.store.getStatus()).toMatchObject({ phase: 'syncing', scanPhase: null, cardCount: 0 })

    main.release()
    await library.whenIdle()
    expect(library.store.getStatus()).toMatchObject({ phase: 'ready', cardCount: 120 })
    expect(main.syncCalls).toHaveLength(1)
  })

  it('syncs again when the batches a sync answered with never come', async () => {
    const { main, library } = await answeredBeforeItsBatches(30, { lastBatchWaitMs: 40 })
    // Sent while the page's stream was not open: lost.
    main.held = null

    await until(async () => main.syncCalls.length === 2, 'a second sync')
    await library.whenIdle()
    expect(library.store.getStatus()).toMatchObject({ phase: 'ready', cardCount: 30 })
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
