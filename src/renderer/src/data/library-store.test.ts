import { describe, expect, it } from 'vitest'
import { toCardRow } from './card-row'
import { LibraryStore } from './library-store'
import { makeCard } from './testing/cards'

const row = (slug: string) => toCardRow('/f', makeCard(slug))

describe('LibraryStore', () => {
  it('signals the first rows at once, then coalesces a stream of changes into one later signal', async () => {
    const store = new LibraryStore(40)
    let signals = 0
    store.subscribeRows(() => signals++)
    store.applyRows([row('a')])
    expect(signals).toBe(1)
    store.applyRows([row('b')])
    store.applyRows([row('c')], [row('a').id])
    expect(signals).toBe(1)
    // The map itself is current at once, and so is the count.
    expect([...store.getRowsSnapshot().rows.keys()]).toHaveLength(2)
    expect(store.getStatus().cardCount).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(signals).toBe(2)
    expect(store.getRowsSnapshot().version).toBe(2)
  })

  it('signals count-only status changes a few times a second, and any other change at once', async () => {
    const store = new LibraryStore(10_000, 40)
    let signals = 0
    store.subscribeStatus(() => signals++)
    store.updateStatus({ progress: { done: 1, total: 10 } })
    expect(signals).toBe(1)
    for (let done = 2; done <= 9; done++) store.updateStatus({ progress: { done, total: 10 }, saved: { done: done - 1, total: done } })
    expect(signals).toBe(1)
    // The status itself is current at once.
    expect(store.getStatus().progress.done).toBe(9)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(signals).toBe(2)
    // After a quiet spell a count is signalled at once; a phase change never waits, and carries the counts held back.
    store.updateStatus({ progress: { done: 10, total: 10 } })
    expect(signals).toBe(3)
    store.updateStatus({ saved: { done: 10, total: 10 } })
    expect(signals).toBe(3)
    store.updateStatus({ phase: 'ready' })
    expect(signals).toBe(4)
    expect(store.getStatus()).toMatchObject({ phase: 'ready', saved: { done: 10 } })
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(signals).toBe(4)
  })

  it('signals a folder switch at once', () => {
    const store = new LibraryStore(10_000)
    store.applyRows([row('a')])
    let signals = 0
    store.subscribeRows(() => signals++)
    store.clearFolder()
    expect(signals).toBe(1)
    expect(store.getRowsSnapshot().rows.size).toBe(0)
  })

  it('gives a changed mark a new object and leaves the others as they were', () => {
    const store = new LibraryStore()
    store.putMarks([{ id: 'x', read: true, readAt: 1, starred: false, starredAt: null, updatedAt: 1 }])
    const before = store.mark('x')
    store.putMarks([{ id: 'y', read: false, readAt: null, starred: true, starredAt: 2, updatedAt: 2 }])
    expect(store.mark('x')).toBe(before)
    expect(store.getStatesSnapshot().version).toBe(2)
  })
})
