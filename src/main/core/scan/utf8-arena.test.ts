import { describe, expect, it } from 'vitest'
import { Utf8Arena } from './utf8-arena'
import { chunksOf } from './worker-pool'

describe('Utf8Arena', () => {
  it('gives back every path as it went in, by number and in chunks, across many growths', () => {
    const paths = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? '' : `feed-${i % 9}/2024-05-0${i % 9}-ça-va-日本-${i}.md`))
    const arena = new Utf8Arena(paths)
    expect(arena.length).toBe(paths.length)
    expect(Array.from({ length: paths.length }, (_, n) => arena.at(n))).toEqual(paths)
    expect(arena.slice(-5, 10)).toEqual(paths.slice(0, 10))
    expect(arena.slice(2990, 4000)).toEqual(paths.slice(2990))
    expect(chunksOf(arena, 250).flat()).toEqual(paths)
    expect(chunksOf(arena, 250).map((chunk) => chunk.length)).toEqual(chunksOf(paths, 250).map((chunk) => chunk.length))
  })

  it('is empty to begin with', () => {
    expect(new Utf8Arena().length).toBe(0)
    expect(chunksOf(new Utf8Arena(), 50)).toEqual([])
  })
})
