import { describe, expect, it } from 'vitest'
import { SlotList } from './slot-list'

describe('the slot list of a retry group', () => {
  it('gives every slot back in the order added, most of a long list packed 4 bytes a slot', () => {
    const list = new SlotList()
    const added = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 2_000_003)
    for (const slot of added) list.push(slot)
    const out: number[] = []
    list.forEach((slot) => out.push(slot))
    expect(out).toEqual(added)
    expect(list.size).toBe(10_000)
    expect(list.packed).toBeGreaterThanOrEqual(8_192)
  })

  it('keeps a short list plain', () => {
    const list = new SlotList()
    list.push(5)
    expect(list.packed).toBe(0)
    const out: number[] = []
    list.forEach((slot) => out.push(slot))
    expect(out).toEqual([5])
  })
})
