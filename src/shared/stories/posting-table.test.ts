import { describe, expect, it } from 'vitest'
import { seeded } from '../testing/seeded'
import { PostingTable } from './posting-table'

describe('PostingTable', () => {
  it('holds what a Map holds through random sets, deletes and growth, for keys up to 2^53', () => {
    const random = seeded(7)
    const table = new PostingTable<string>()
    const expected = new Map<number, string>()
    // Neighbouring keys (as posting names are) and keys past 32 bits, which must not collide by their low half.
    const keyOf = () => (random.int(2) === 0 ? random.int(5_000) : 4_294_967_296 * random.int(1_000) + random.int(50))
    for (let step = 0; step < 40_000; step++) {
      const key = keyOf()
      if (random.int(4) === 0) {
        table.delete(key)
        expected.delete(key)
      } else {
        table.set(key, `v${step}`)
        expected.set(key, `v${step}`)
      }
    }
    expect(expected.size).toBeGreaterThan(2_000)
    for (let key = 0; key < 5_000; key++) expect(table.get(key)).toBe(expected.get(key))
    for (const [key, value] of expected) expect(table.get(key)).toBe(value)
    table.clear()
    expect(table.get([...expected.keys()][0])).toBeUndefined()
  })
})
