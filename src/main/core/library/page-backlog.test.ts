import { describe, expect, it } from 'vitest'
import type { LibraryBatch, TidingsEvent } from '../../../shared/contract'
import { sharedCards } from '../testing/shared-cards'
import { FolderLibrary } from './folder-library'
import { createPageBacklog } from './page-backlog'

const batchEvent = (seq: number, cards: number): TidingsEvent => {
  const batch: LibraryBatch = {
    folder: '/cards',
    seq,
    upsert: Array.from({ length: cards }, (_, index) => ({ id: `c${seq}-${index}` }) as unknown as LibraryBatch['upsert'][number]),
    remove: [],
    files: [],
    removedFiles: [],
    errors: [],
    clearedErrors: []
  }
  return { type: 'batch', batch }
}

/** Whether `promise` settles within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))])

describe('the page backlog (a sync paced by what the page saved)', () => {
  it('holds a sync while more cards than the bound are unsaved, and lets it go once the page saved enough', async () => {
    const backlog = createPageBacklog(100, 5_000)
    backlog.savedUpTo(0)
    for (let seq = 1; seq <= 3; seq++) backlog.sent(batchEvent(seq, 50))
    expect(backlog.unsavedCards()).toBe(150)

    const draining = backlog.drained()
    expect(await settlesWithin(draining, 50)).toBe(false)
    backlog.savedUpTo(1)
    expect(backlog.unsavedCards()).toBe(100)
    expect(await settlesWithin(draining, 50)).toBe(true)
  })

  it('never waits on a page that has not said it saves (one that never calls, or before its first save)', async () => {
    const backlog = createPageBacklog(10, 5_000)
    for (let seq = 1; seq <= 5; seq++) backlog.sent(batchEvent(seq, 50))
    expect(await settlesWithin(backlog.drained(), 50)).toBe(true)
  })

  it('stops waiting on a page that went silent, until it speaks again', async () => {
    const backlog = createPageBacklog(10, 100)
    backlog.savedUpTo(0)
    backlog.sent(batchEvent(1, 50))
    expect(await settlesWithin(backlog.drained(), 50)).toBe(false)
    expect(await settlesWithin(backlog.drained(), 300)).toBe(true)
    backlog.sent(batchEvent(2, 50))
    expect(await settlesWithin(backlog.drained(), 20)).toBe(true)

    backlog.savedUpTo(1)
    expect(await settlesWithin(backlog.drained(), 50)).toBe(false)
  })

  it('keeps waiting while the page saves slowly but steadily', async () => {
    const backlog = createPageBacklog(10, 150)
    backlog.savedUpTo(0)
    for (let seq = 1; seq <= 4; seq++) backlog.sent(batchEvent(seq, 20))
    const draining = backlog.drained()
    for (let seq = 1; seq <= 2; seq++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      backlog.savedUpTo(seq)
    }
    expect(await settlesWithin(draining, 100)).toBe(false)
    backlog.savedUpTo(4)
    expect(await settlesWithin(draining, 50)).toBe(true)
    expect(backlog.unsavedCards()).toBe(0)
  })

  it('counts only batches', () => {
    const backlog = createPageBacklog()
    backlog.sent({ type: 'watch-error', folder: '/cards', message: 'x' })
    expect(backlog.unsavedCards()).toBe(0)
  })

  it('keeps a real sync within the bound of unsaved cards while the page saves slowly, and it still brings every card', async () => {
    const backlog = createPageBacklog(100, 5_000)
    backlog.savedUpTo(0)
    const received: LibraryBatch[] = []
    let largestUnsaved = 0
    const library = new FolderLibrary({
      folder: sharedCards('related-heavy'),
      workers: 0,
      onBatch: (batch) => {
        backlog.sent({ type: 'batch', batch })
        received.push(batch)
        largestUnsaved = Math.max(largestUnsaved, backlog.unsavedCards())
      },
      drain: () => backlog.drained()
    })
    try {
      let synced = false
      const syncing = library.sync([]).then((result) => ((synced = true), result))
      // A page that saves nothing yet: once the sync stops sending, it must be held near the bound, not done.
      // (The first batch can take seconds on a loaded machine; "stopped sending" is only judged after it.)
      while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 50))
      for (let before = -1; before !== received.length; ) {
        before = received.length
        await new Promise((resolve) => setTimeout(resolve, 300))
      }
      expect(synced).toBe(false)
      const largestBatch = Math.max(...received.map((batch) => batch.upsert.length + batch.remove.length))
      expect(largestUnsaved).toBeLessThanOrEqual(100 + largestBatch)
      // The page saves one batch every 10 ms from now on: the sync follows it to the end.
      let saved = 0
      const saver = setInterval(() => {
        if (saved < received.length) backlog.savedUpTo(received[saved++].seq)
      }, 10)
      const result = await syncing
      clearInterval(saver)
      expect(largestUnsaved).toBeLessThanOrEqual(100 + largestBatch)
      expect(result.cards).toBeGreaterThan(100 * 2)
      expect(new Set(received.flatMap((batch) => batch.upsert.map((card) => card.id))).size).toBe(result.cards)
    } finally {
      await library.close()
    }
  }, 60_000)
})
