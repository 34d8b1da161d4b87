import { describe, expect, it } from 'vitest'
import { LibraryStore } from './data/library-store'
import { whenWorthRendering } from './first-paint'
import { lightRow } from './features/filter/testing/light-row'

const settledAfter = async (promise: Promise<void>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))])

describe('the first render', () => {
  it('waits for the first rows, not for the wait to run out', async () => {
    const store = new LibraryStore()
    const rendering = whenWorthRendering(store, 10_000)
    expect(await settledAfter(rendering, 30)).toBe(false)
    store.applyRows([lightRow('a')])
    expect(await settledAfter(rendering, 30)).toBe(true)
  })

  it('does not wait when there is nothing to wait for: no folder, or a folder read to its end', async () => {
    const store = new LibraryStore()
    const noFolder = whenWorthRendering(store, 10_000)
    store.updateStatus({ phase: 'no-folder' })
    expect(await settledAfter(noFolder, 30)).toBe(true)
    expect(await settledAfter(whenWorthRendering(store, 10_000), 5)).toBe(true)
  })

  it('renders the empty reader once the wait runs out', async () => {
    const store = new LibraryStore()
    store.updateStatus({ phase: 'syncing' })
    expect(await settledAfter(whenWorthRendering(store, 20), 200)).toBe(true)
  })
})
