// The list follows the rows: sparingly while a sync pours them in, at once when a file changes after it.
import { describe, expect, it } from 'vitest'
import { rebuildIntervalMs } from './rebuild-interval'

describe('rebuildIntervalMs', () => {
  it('holds rebuilds back during a sync of a big folder, longer while a search or filter is on', () => {
    expect(rebuildIntervalMs({ rows: 100_000, narrowed: false, syncing: true })).toBe(1000)
    expect(rebuildIntervalMs({ rows: 20_000, narrowed: false, syncing: true })).toBe(200)
    expect(rebuildIntervalMs({ rows: 20_000, narrowed: true, syncing: true })).toBe(1000)
    expect(rebuildIntervalMs({ rows: 50, narrowed: false, syncing: true })).toBe(0)
  })

  it('shows a change at once once the folder is synced, whatever its size', () => {
    for (const narrowed of [false, true]) expect(rebuildIntervalMs({ rows: 100_000, narrowed, syncing: false })).toBe(0)
  })
})
