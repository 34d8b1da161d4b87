// What the controller's test files share: a fake main holding one folder, libraries started on it, and
// after each test the check that the screen and IndexedDB hold the same cards.
import { afterEach, expect } from 'vitest'
import { makeCard } from './cards'
import { FakeMain } from './fake-main'
import { freshDbName, startOn, stop, storedRows, type Started } from './harness'

export const FOLDER = '/cards/news'

export const idOf = (slug: string): string => makeCard(slug).id

/** A fake main with FOLDER open, holding `count` cards s0..s{count-1}, the last the newest. */
export function mainWith(count: number): FakeMain {
  const main = new FakeMain()
  main.addFolder(FOLDER)
  main.initialFolder = FOLDER
  for (let n = 0; n < count; n++) main.writeCard(FOLDER, makeCard(`s${n}`, { publishedAtMs: 1_700_000_000_000 + n }))
  return main
}

export interface StartedLibraries {
  /** Starts a library on `main` and waits until it is in step. */
  start(main: FakeMain, dbName?: string): Promise<Started>
  /** Checks and stops after the test a library the test started itself. */
  track(started: Started): void
}

/** Call at the top of a test file: the libraries it starts are checked and stopped after each test. */
export function startedLibraries(): StartedLibraries {
  const running: Started[] = []
  afterEach(async () => {
    for (const started of running.splice(0)) {
      // Whatever a test did, the screen and IndexedDB end up holding the same cards.
      const { library, db } = started
      await library.whenIdle()
      const folder = library.store.getStatus().folder
      if (folder !== null) {
        const stored = [...(await storedRows(db, folder)).values()]
        const shown = [...library.store.getRowsSnapshot().rows.values()]
        expect(stored.map((row) => [row.id, row.path, row.title]).sort()).toEqual(shown.map((row) => [row.id, row.path, row.title]).sort())
      }
      await stop(started)
    }
  })
  return {
    async start(main, dbName = freshDbName()) {
      const started = await startOn(main, dbName)
      running.push(started)
      return started
    },
    track: (started) => void running.push(started)
  }
}
