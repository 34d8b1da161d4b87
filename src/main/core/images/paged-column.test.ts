import { describe, expect, it } from 'vitest'
import { float64Column, NarrowColumn, PAGE_SLOTS, uint8Column, WideColumn } from './paged-column'

describe('a paged column', () => {
  it('makes a page only when a slot of it gets a value other than the initial one', () => {
    const sizes = float64Column(NaN)
    sizes.set(0, NaN)
    sizes.set(5 * PAGE_SLOTS + 7, NaN)
    expect(sizes.pagesHeld).toBe(0)
    expect(sizes.get(3 * PAGE_SLOTS)).toBeNaN()

    sizes.set(2 * PAGE_SLOTS + 1, 1234.5)
    expect(sizes.pagesHeld).toBe(1)
    expect(sizes.get(2 * PAGE_SLOTS + 1)).toBe(1234.5)
    expect(sizes.get(2 * PAGE_SLOTS)).toBeNaN()
    expect(sizes.get(0)).toBeNaN()
    sizes.set(2 * PAGE_SLOTS + 1, NaN)
    expect(sizes.get(2 * PAGE_SLOTS + 1)).toBeNaN()
  })

  it('lets go of the pages past a count, which then read as never set', () => {
    const flags = uint8Column(255)
    for (let page = 0; page < 3; page++) flags.set(page * PAGE_SLOTS + 1000, page + 1)
    expect(flags.pagesHeld).toBe(3)
    flags.truncate(PAGE_SLOTS + 1)
    expect(flags.pagesHeld).toBe(2)
    expect(flags.get(PAGE_SLOTS + 1000)).toBe(2)
    expect(flags.get(2 * PAGE_SLOTS + 1000)).toBe(255)
    flags.truncate(0)
    expect(flags.pagesHeld).toBe(0)
  })

  it('keeps offsets past 4 GB whole, with no high pages until one needs them', () => {
    const offsets = new WideColumn()
    offsets.set(1, 2 ** 32 - 1)
    offsets.set(PAGE_SLOTS + 3, 230_000_000)
    expect(offsets.get(1)).toBe(2 ** 32 - 1)
    expect(offsets.get(PAGE_SLOTS + 3)).toBe(230_000_000)
    expect(offsets.highPagesHeld).toBe(0)
    for (const value of [2 ** 32, 2 ** 40 + 7, 2 ** 48 - 1]) {
      offsets.set(2, value)
      expect(offsets.get(2)).toBe(value)
    }
    expect(offsets.highPagesHeld).toBe(1)
    offsets.set(2, 12)
    expect(offsets.get(2)).toBe(12)
  })

  it('keeps small numbers in 2 bytes and the rare large one whole', () => {
    const lengths = new NarrowColumn()
    lengths.set(1, 120)
    lengths.set(2, 65_534)
    lengths.set(3, 65_535)
    lengths.set(PAGE_SLOTS + 4, 3_000_000)
    expect([lengths.get(0), lengths.get(1), lengths.get(2), lengths.get(3), lengths.get(PAGE_SLOTS + 4)]).toEqual([0, 120, 65_534, 65_535, 3_000_000])
    expect(lengths.largeCount).toBe(2)
    lengths.set(3, 7)
    expect(lengths.get(3)).toBe(7)
    expect(lengths.largeCount).toBe(1)
  })
})
