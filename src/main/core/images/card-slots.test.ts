import { describe, expect, it } from 'vitest'
import { CardSlots, type SlotRun } from './card-slots'

describe("the tracked cards' slot pool", () => {
  it('gives each card its slots back, through replacements and a compaction', () => {
    const pool = new CardSlots()
    const runs = new Map<number, { run: SlotRun; slots: number[] }>()
    const put = (card: number, slots: number[]): void => {
      const previous = runs.get(card)
      if (previous) pool.release(previous.run)
      runs.set(card, { run: pool.add(slots), slots })
    }
    for (let card = 0; card < 5_000; card++) put(card, Array.from({ length: card % 40 }, (_, i) => card * 100 + i))
    // Every card replaced three times over: the holes outgrow what is live.
    for (let round = 1; round <= 3; round++) for (let card = 0; card < 5_000; card++) put(card, Array.from({ length: (card + round) % 40 }, (_, i) => card * 100 + i + round))
    expect(pool.wasteful).toBe(true)
    pool.compact([...runs.values()].map(({ run }) => run))
    expect(pool.wasteful).toBe(false)
    expect(pool.usage.held).toBe(pool.usage.live)
    for (const { run, slots } of runs.values()) {
      expect(pool.slotsOf(run)).toEqual(slots)
      if (slots.length) expect(pool.get(run, slots.length - 1)).toBe(slots[slots.length - 1])
    }
  })
})
