import { describe, expect, it } from 'vitest'
import { chunksOf } from './worker-pool'

describe('chunksOf', () => {
  it('hands over a small first chunk (the newest cards reach the page first), then full ones, every path once in order', () => {
    const paths = Array.from({ length: 600 }, (_, i) => `${i}.md`)
    const chunks = chunksOf(paths, 250)
    expect(chunks.map((chunk) => chunk.length)).toEqual([25, 250, 250, 75])
    expect(chunks.flat()).toEqual(paths)
    expect(chunksOf([], 250)).toEqual([])
    expect(chunksOf(paths.slice(0, 10), 4).map((chunk) => chunk.length)).toEqual([4, 4, 2])
  })
})
