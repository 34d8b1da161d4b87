import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../data/library-store'
import { STATUS_COUNTS_INTERVAL_MS, StatusBarFeed } from './status-bar-feed'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('StatusBarFeed', () => {
  it('redraws the counts of a sync at most every 500 ms and lands on the last one', async () => {
    const store = new LibraryStore()
    store.updateStatus({ folder: '/cards', folderName: 'cards', phase: 'syncing', scanPhase: 'reading' })
    const feed = new StatusBarFeed(store)
    const shown: string[] = []
    const off = feed.subscribe(() => shown.push(`${feed.getSnapshot().status.progress.done}/${feed.getSnapshot().status.saved.done}`))
    // A sync's batches and writes: a count bump every 5 ms for 1.2 s.
    const started = performance.now()
    let done = 0
    while (performance.now() - started < 1200) {
      done += 25
      store.updateStatus({ progress: { done, total: 100_000 } })
      store.updateStatus({ saved: { done: done - 25, total: done } })
      await sleep(5)
    }
    const redrawsDuringSync = shown.length
    expect(redrawsDuringSync).toBeGreaterThan(0)
    expect(redrawsDuringSync).toBeLessThanOrEqual(Math.ceil(1200 / STATUS_COUNTS_INTERVAL_MS) + 1)
    await sleep(STATUS_COUNTS_INTERVAL_MS + 50)
    expect(feed.getSnapshot().status.progress.done).toBe(done)
    expect(shown.at(-1)).toBe(`${done}/${done - 25}`)
    off()
  })

  it('shows a phase change or an error at once, with the counts as they are then', async () => {
    const store = new LibraryStore()
    store.updateStatus({ folder: '/cards', phase: 'syncing' })
    const feed = new StatusBarFeed(store)
    let redraws = 0
    const off = feed.subscribe(() => redraws++)
    store.updateStatus({ progress: { done: 10, total: 20 } })
    store.updateStatus({ progress: { done: 15, total: 20 } })
    const afterCounts = redraws
    store.updateStatus({ lastError: 'The folder could not be read' })
    expect(redraws).toBe(afterCounts + 1)
    expect(feed.getSnapshot().status.lastError).toBe('The folder could not be read')
    expect(feed.getSnapshot().status.progress.done).toBe(15)
    store.updateStatus({ progress: { done: 20, total: 20 } })
    store.updateStatus({ phase: 'ready' })
    expect(redraws).toBe(afterCounts + 2)
    expect(feed.getSnapshot().status).toMatchObject({ phase: 'ready', progress: { done: 20 } })
    store.updateStatus({ errorCount: 3 })
    expect(feed.getSnapshot().status.errorCount).toBe(3)
    off()
    await sleep(STATUS_COUNTS_INTERVAL_MS + 50)
  })
})
