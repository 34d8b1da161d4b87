import { describe, expect, it } from 'vitest'
import { startLibrary } from './controller'
import { makeCard } from './testing/cards'
import { FOLDER, idOf, mainWith, startedLibraries } from './testing/controller-suite'
import { freshDbName, openTestDb, startOn, stop, storedRows } from './testing/harness'
import type { FakeMain } from './testing/fake-main'

// Each library is checked after its test: the list and IndexedDB end up holding the same cards.
const libraries = startedLibraries()

const newest = (count: number, total: number) => Array.from({ length: count }, (_, n) => makeCard(`s${total - 1 - n}`, { publishedAtMs: 1_700_000_000_000 + total - 1 - n }))

/** Starts a library whose openFolder waits (no sync runs), as a host still opening a big folder does. */
function startHeld(main: FakeMain, dbName = freshDbName()) {
  let openFolder = (): void => {}
  main.openFolderGate = new Promise((resolve) => (openFolder = resolve))
  const db = openTestDb(dbName)
  const library = startLibrary(main, db, { gapTimeoutMs: 50, retryOpenMs: 50, imageGatherMs: 1, journalRetryMs: 20 })
  libraries.track({ main, db, library })
  return {
    db,
    library,
    release() {
      main.openFolderGate = null
      openFolder()
    }
  }
}

describe('the host\'s newest cards before the database or the sync', () => {
  it('lists them on a fresh start while the folder is still opening, without storing them', async () => {
    const main = mainWith(30)
    main.firstCards = { folder: FOLDER, cards: newest(3, 30), marks: [] }
    const { db, library, release } = startHeld(main)
    await library.started
    expect([...library.store.getRowsSnapshot().rows.keys()].sort()).toEqual([idOf('s27'), idOf('s28'), idOf('s29')].sort())
    expect(library.store.getStatus()).toMatchObject({ folder: FOLDER, cardCount: 3 })
    expect(main.syncCalls).toHaveLength(0)
    expect((await storedRows(db, FOLDER)).size).toBe(0)

    release()
    await library.whenIdle()
    expect(library.store.getStatus()).toMatchObject({ phase: 'ready', cardCount: 30 })
    expect((await storedRows(db, FOLDER)).size).toBe(30)
  })

  it("shows a previewed card as the journal's mark says (read, starred) before the database opens", async () => {
    const main = mainWith(5)
    const cards = newest(2, 5)
    const mark = { id: cards[0].id, read: true, readAt: 5, starred: true, starredAt: 5, updatedAt: 5 }
    main.firstCards = { folder: FOLDER, cards, marks: [mark] }
    const { library, release } = startHeld(main)
    await library.started
    expect(library.store.mark(cards[0].id)).toMatchObject({ read: true, starred: true })
    expect(library.store.mark(cards[1].id)).toBeUndefined()
    release()
    await library.whenIdle()
  })

  it('takes a previewed card off the list once the sync shows its file is gone', async () => {
    const main = mainWith(5)
    const gone = makeCard('gone', { title: 'Deleted after the host read it', publishedAtMs: 1_800_000_000_000 })
    main.firstCards = { folder: FOLDER, cards: [gone, ...newest(2, 5)], marks: [] }
    const { library, release } = startHeld(main)
    await library.started
    expect(library.store.row(gone.id)?.title).toBe('Deleted after the host read it')

    release()
    await library.whenIdle()
    expect(library.store.row(gone.id)).toBeUndefined()
    expect(library.store.getStatus().cardCount).toBe(5)
  })

  it('claims no previewed card in the manifest, so main sends a card the database lost', async () => {
    const main = mainWith(4)
    const dbName = freshDbName()
    await stop(await startOn(main, dbName))
    // A half-lost database: the files table still names s3, the cards table (and the rows' startup copy) lost it.
    const damaged = openTestDb(dbName)
    await damaged.cards.delete([FOLDER, idOf('s3')])
    await damaged.rowPages.clear()
    damaged.close()

    main.firstCards = { folder: FOLDER, cards: newest(1, 4), marks: [] }
    const { library, release } = startHeld(main, dbName)
    await library.started
    release()
    await library.whenIdle()
    const manifest = main.syncCalls.at(-1)?.manifest ?? []
    expect(manifest.map((entry) => entry.id)).not.toContain(idOf('s3'))
    expect(library.store.getStatus().cardCount).toBe(4)
  })

  it('is not shown over a folder the page already lists', async () => {
    const main = mainWith(3)
    main.firstCards = { folder: '/cards/elsewhere', cards: [makeCard('other')], marks: [] }
    const { library, release } = startHeld(main)
    await library.started
    expect(library.store.row(makeCard('other').id)).toBeUndefined()
    release()
  })
})
