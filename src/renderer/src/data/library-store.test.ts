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

  it('tells the ids changed since a mark, and nothing it no longer holds after a folder switch', () => {
    const store = new LibraryStore(10_000)
    store.applyRows([row('a'), row('b')])
    const mark = store.changeMark()
    store.applyRows([row('c')], [row('a').id])
    expect(store.changesSince(mark)).toEqual([row('a').id, row('c').id])
    expect(store.changesSince(store.changeMark())).toEqual([])
    store.clearFolder()
    expect(store.changesSince(mark)).toBeNull()
  })

  it('finds a held card by its URL, and no longer once it is removed or rewritten under another URL', () => {
    const store = new LibraryStore(10_000)
    const moved = { ...row('b'), urls: ['https://news.example.com/b-moved'] }
    store.applyRows([row('a'), row('b')])
    expect(store.rowIdByUrl('https://news.example.com/a')).toBe(row('a').id)
    store.applyRows([moved], [row('a').id])
    expect(store.rowIdByUrl('https://news.example.com/a')).toBeUndefined()
    expect(store.rowIdByUrl('https://news.example.com/b')).toBeUndefined()
    expect(store.rowIdByUrl('https://news.example.com/b-moved')).toBe(row('b').id)
  })

  it('counts the unread cards it holds as rows and marks come and go', () => {
    const store = new LibraryStore(10_000)
    const mark = (id: string, read: boolean) => ({ id, read, readAt: read ? 1 : null, starred: false, starredAt: null, updatedAt: 1 })
    store.putMarks([mark(row('a').id, true)])
    store.applyRows([row('a'), row('b'), row('c')])
    expect(store.unreadCount()).toBe(2)
    store.putMarks([mark(row('b').id, true), mark(row('z').id, true)])
    expect(store.unreadCount()).toBe(1)
    store.applyRows([row('b')], [row('c').id])
    expect(store.unreadCount()).toBe(0)
    store.putMarks([mark(row('a').id, false)])
    expect(store.unreadCount()).toBe(1)
    store.clearFolder()
    expect(store.unreadCount()).toBe(0)
  })
})
