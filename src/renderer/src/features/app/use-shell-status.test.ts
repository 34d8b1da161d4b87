import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../data/library-store'
import { shellStatusOf } from './use-shell-status'

describe('shellStatusOf', () => {
  it('keeps one object while a sync only bumps its counts, and a new one when the layout must change', () => {
    const store = new LibraryStore()
    store.updateStatus({ folder: '/cards', folderName: 'cards', phase: 'syncing' })
    const shown = shellStatusOf(store)
    store.updateStatus({ progress: { done: 250, total: 10_000 }, saved: { done: 100, total: 250 } })
    store.applyRows([])
    store.updateStatus({ imageStatus: null, cardCount: 250 })
    expect(shellStatusOf(store)).toBe(shown)
    store.updateStatus({ phase: 'ready' })
    expect(shellStatusOf(store)).not.toBe(shown)
    expect(shellStatusOf(store)).toMatchObject({ folder: '/cards', folderName: 'cards', phase: 'ready' })
  })
})
