import { rm, writeFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CardFolder, cardText } from '../library/testing/card-folder'
import { EventLog, freshState, plain } from '../library/testing/event-log'
import { LiveFolder } from './live-folder'

const BURST = 10_000
const SETTLE = { timeout: 120_000, interval: 500 }

async function inLanes(count: number, lanes: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await task(next++)
    })
  )
}

describe('live folder under a 10,000-file burst', () => {
  let folder: CardFolder
  let log: EventLog
  let live: LiveFolder

  beforeEach(async () => {
    folder = await CardFolder.create('tidings-burst-')
    log = new EventLog()
    live = new LiveFolder({ folder: folder.path, emit: log.emit })
    await live.start()
    await live.sync([])
  })
  afterEach(async () => {
    await live.close()
    await folder.dispose()
  })

  it('turns the burst into a short stream of batches that ends in step with the disk', { timeout: 300_000 }, async () => {
    const path = (i: number) => folder.abs(`2024-05-${String((i % 28) + 1).padStart(2, '0')}-burst-${i}.md`)
    await inLanes(BURST, 32, (i) => writeFile(path(i), cardText({ title: `Burst ${i}`, publishedAt: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z` })))

    await vi.waitFor(async () => {
      expect(log.state.cards.size).toBe(BURST)
      expect(plain(log.state)).toEqual(await freshState(folder.path))
    }, SETTLE)
    const batches = log.batches()
    expect(batches.length).toBeLessThan(BURST / 20)
    expect(Math.max(...batches.map((batch) => batch.upsert.length))).toBeLessThanOrEqual(250)

    await inLanes(BURST / 2, 32, (i) => rm(path(i * 2)))
    await vi.waitFor(async () => {
      expect(log.state.cards.size).toBe(BURST / 2)
      expect(plain(log.state)).toEqual(await freshState(folder.path))
    }, SETTLE)
  })
})
