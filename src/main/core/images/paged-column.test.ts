import { describe, expect, it } from 'vitest'
import { float64Column, PAGE_SLOTS, uint8Column } from './paged-column'

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
})
