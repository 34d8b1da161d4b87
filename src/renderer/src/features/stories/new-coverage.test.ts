// "+k new" survives a restart and a wiped database: it compares the card's related items and the story's
// unread cards with the time of the last read mark, and both come back (the folder and the journal).
import { describe, expect, it } from 'vitest'
import { makeCard, makeRelated } from '../../data/testing/cards'
import { FOLDER, idOf, mainWith, startedLibraries } from '../../data/testing/controller-suite'
import { freshDbName, openTestDb, startOn, stop } from '../../data/testing/harness'
import type { LibraryController } from '../../data/library-controller'
import { newCoverageOf } from './story-rows'

const libraries = startedLibraries()

const newCountOf = (library: LibraryController, id: string): number => newCoverageOf([library.store.row(id)!], (each) => library.store.mark(each)).count

describe('new coverage since a card was read', () => {
  it('is the same after a restart and after the database is wiped and rebuilt from the folder and the journal', async () => {
    const main = mainWith(3)
    const id = idOf('s0')
    main.writeCard(FOLDER, makeCard('s0', { related: [makeRelated('old', { publishedAtMs: 1_000 })] }))
    const dbName = freshDbName()
    const first = await startOn(main, dbName)
    await first.library.setRead(id, true)
    const readAt = first.library.store.mark(id)!.readAt!
    // The feed rewrites the card with two items published after the read.
    main.writeCard(FOLDER, makeCard('s0', { related: [makeRelated('old', { publishedAtMs: 1_000 }), makeRelated('b', { publishedAtMs: readAt + 1 }), makeRelated('c', { publishedAtMs: readAt + 2 })] }))
    main.flushChanges(FOLDER)
    await first.library.whenIdle()
    expect(newCountOf(first.library, id)).toBe(2)
    await first.library.whenIdle()
    await stop(first)

    const restarted = await startOn(main, dbName)
    expect(restarted.library.store.mark(id)?.readAt).toBe(readAt)
    expect(newCountOf(restarted.library, id)).toBe(2)
    await restarted.library.whenIdle()
    await stop(restarted)

    await openTestDb(dbName).delete()
    const rebuilt = await libraries.start(main, dbName)
    expect(rebuilt.library.store.getStatus().rebuildMessage).toMatch(/rebuilt/)
    expect(rebuilt.library.store.mark(id)?.readAt).toBe(readAt)
    expect(newCountOf(rebuilt.library, id)).toBe(2)
  })
})
