import { describe, expect, it } from 'vitest'
import { PRIORITY, type PriorityClass } from './download-queue'
import { HostNumbers, ItemHeap, type PackedItem } from './item-heap'

describe('the packed download heap', () => {
  it('gives items back by priority, then order, then arrival, whole, across several pages and interleaved pops', () => {
    const heap = new ItemHeap(new HostNumbers())
    const priorities: PriorityClass[] = [PRIORITY.visible, PRIORITY.own, PRIORITY.related]
    const out: PackedItem[] = []
    const pushed: PackedItem[] = []
    let random = 7
    const next = (): number => (random = (random * 1103515245 + 12345) % 2 ** 31)
    for (let seq = 0; seq < 40_000; seq++) {
      const item: PackedItem = { slot: next() % 100_000, host: `cdn${next() % 9}.example.com`, priority: priorities[next() % 3], order: -1.7e12 - (next() % 50) * 1000, seq }
      heap.push(item)
      pushed.push(item)
      if (seq % 3 === 0) out.push(heap.pop()!)
    }
    for (let item = heap.pop(); item; item = heap.pop()) out.push(item)
    expect(heap.size).toBe(0)
    expect(out).toHaveLength(pushed.length)
    expect([...out].sort((a, b) => a.seq - b.seq)).toEqual(pushed)
    // After the interleaved part, what is left comes out in order.
    const rest = out.slice(Math.ceil(40_000 / 3))
    const ordered = [...rest].sort((a, b) => a.priority - b.priority || a.order - b.order || a.seq - b.seq)
    expect(rest).toEqual(ordered)
  })
})
