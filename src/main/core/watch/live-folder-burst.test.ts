import { rm, writeFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'
import { cardText } from '../library/testing/card-folder'
import { freshState, plain } from '../library/testing/event-log'
import { inLanes } from '../library/lanes'
import { startedLiveFolder } from './testing/started-live-folder'

const BURST = 10_000
const SETTLE = { timeout: 120_000, interval: 500 }

describe('live folder under a 10,000-file burst', () => {
  const started = startedLiveFolder('tidings-burst-')

  it('turns the burst into a short stream of batches that ends in step with the disk', { timeout: 300_000 }, async () => {
    const path = (i: number) => started.folder.abs(`2024-05-${String((i % 28) + 1).padStart(2, '0')}-burst-${i}.md`)
    await inLanes(Array.from({ length: BURST }, (_, i) => i), 32, (i) => writeFile(path(i), cardText({ title: `Burst ${i}`, publishedAt: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z` })))

    await vi.waitFor(async () => {
      expect(started.log.state.cards.size).toBe(BURST)
      expect(plain(started.log.state)).toEqual(await freshState(started.folder.path))
    }, SETTLE)
    const batches = started.log.batches()
    expect(batches.length).toBeLessThan(BURST / 20)
    expect(Math.max(...batches.map((batch) => batch.upsert.length))).toBeLessThanOrEqual(250)

    await inLanes(Array.from({ length: BURST / 2 }, (_, i) => i * 2), 32, (i) => rm(path(i)))
    await vi.waitFor(async () => {
      expect(started.log.state.cards.size).toBe(BURST / 2)
      expect(plain(started.log.state)).toEqual(await freshState(started.folder.path))
    }, SETTLE)
  })
})
