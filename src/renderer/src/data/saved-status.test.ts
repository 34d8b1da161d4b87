import { afterEach, describe, expect, it } from 'vitest'
import type { LibraryStatus } from './types'
import { makeCard } from './testing/cards'
import { FakeMain } from './testing/fake-main'
import { freshDbName, openTestDb, stop } from './testing/harness'
import { detailPacksOf } from './detail-packs'
import { startLibrary } from './controller'
import type { LibraryController } from './library-controller'

const FOLDER = '/cards/news'
const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const done of stops.splice(0)) await done()
})

describe('the sync status: indexed, then saved for offline, then ready', () => {
  it('says ready only once IndexedDB holds every card, counting the saved ones on the way', async () => {
    const main = new FakeMain()
    main.addFolder(FOLDER)
    main.initialFolder = FOLDER
    const count = 600
    for (let n = 0; n < count; n++) main.writeCard(FOLDER, makeCard(`s${n}`, { publishedAtMs: 1_700_000_000_000 + n }))
    const db = openTestDb(freshDbName())
    const seen: Array<{ status: LibraryStatus; unwritten: number }> = []
    const library: LibraryController = startLibrary(main, db, { gapTimeoutMs: 50, imageGatherMs: 1 })
    const current = library
    stops.push(() => stop({ library: current, db }))
    library.store.subscribeStatus(() => seen.push({ status: current.store.getStatus(), unwritten: [...current.unwrittenIds()].length }))
    await library.whenIdle()

    const ready = seen.findIndex((entry) => entry.status.phase === 'ready')
    expect(ready).toBeGreaterThan(0)
    // Indexing finished while IndexedDB still lagged: the bar kept saying so.
    const savingAfterIndexing = seen.slice(0, ready).filter((entry) => entry.status.scanPhase === 'done' && entry.status.phase === 'syncing')
    expect(savingAfterIndexing.length).toBeGreaterThan(0)
    expect(savingAfterIndexing[0].status.saved.done).toBeLessThan(count)
    // Ready means every card is in IndexedDB, and the count says all of them.
    expect(seen[ready].unwritten).toBe(0)
    expect(seen[ready].status.saved).toEqual({ done: count, total: count })
    expect(await detailPacksOf(db).count(FOLDER)).toBe(count)
    const savedCounts = seen.map((entry) => entry.status.saved.done)
    expect(savedCounts).toEqual([...savedCounts].sort((a, b) => a - b))
    // The host heard how far the page saved, in order, up to the sync's last batch (12 of 50 cards).
    expect(main.savedUpToCalls.at(-1)).toBe(count / main.batchSize)
    expect(main.savedUpToCalls).toEqual([...main.savedUpToCalls].sort((a, b) => a - b))
  })
})
