import { describe, expect, it } from 'vitest'
import { RowsLag } from './rows-lag'

describe('RowsLag', () => {
  it('lets rows follow in the background until the views fall maxLagMs behind, then asks for them at once', () => {
    let now = 0
    const lag = new RowsLag(1000, () => now)
    expect(lag.staleIn()).toBeNull()
    expect(lag.signalled(false)).toBe(false)
    now = 600
    expect(lag.signalled(false)).toBe(false)
    expect(lag.staleIn()).toBe(400)
    now = 1000
    expect(lag.signalled(false)).toBe(true)
    expect(lag.staleIn()).toBe(0)
  })

  it('starts counting again once the views show the latest rows, not an older version', () => {
    let now = 0
    const lag = new RowsLag(1000, () => now)
    lag.signalled(false)
    now = 900
    lag.shown(3, 4)
    now = 1100
    expect(lag.signalled(false)).toBe(true)
    lag.shown(5, 5)
    expect(lag.staleIn()).toBeNull()
    now = 1500
    expect(lag.signalled(false)).toBe(false)
  })

  it('asks at once for forced rows (the first ones, a folder switch)', () => {
    const lag = new RowsLag(1000, () => 0)
    expect(lag.signalled(true)).toBe(true)
  })
})
