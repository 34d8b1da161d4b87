import { describe, expect, it } from 'vitest'
import { hashId } from '../core/scan/card-line'
import { FirstPathByHash } from './first-paths'

describe('FirstPathByHash', () => {
  it('keeps the first path of each hash, through many growths, with non-ASCII paths and hash 0', () => {
    const paths = new FirstPathByHash()
    const expected = new Map<number, string>()
    for (let i = 0; i < 20_000; i++) {
      const hash = i === 0 ? 0 : hashId(`card-${i % 15_000}`)
      const path = `feed-${i % 7}/2026-0${i % 9}-é ${i} 🎉.md`
      expect(paths.add(hash, path)).toBe(!expected.has(hash))
      if (!expected.has(hash)) expected.set(hash, path)
    }
    expect(paths.size).toBe(expected.size)
    for (const [hash, path] of expected) {
      expect(paths.has(hash)).toBe(true)
      expect(paths.get(hash)).toBe(path)
    }
    expect(paths.has(hashId('never added'))).toBe(false)
    expect(paths.get(hashId('never added'))).toBeUndefined()
  })
})
