import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { buildLibraryIndex } from '../filter/library-index'
import { positionOf, stepPosition, stepThrough } from './navigation'

const rows = ['a', 'b', 'c', 'd'].map((id) => ({ id, urls: [], topics: [], providerName: '', providerDomain: '', type: 'article', publishedAtMs: null, quality: null, heat: null }) as unknown as CardRow)
const index = buildLibraryIndex(rows)
// Listed: d, b, a (c filtered out).
const matches = Int32Array.from([3, 1, 0])

describe('stepThrough', () => {
  it('moves down and up the listed order and stops at the ends', () => {
    expect(stepThrough(index, matches, 'd', 1)).toBe('b')
    expect(stepThrough(index, matches, 'b', -1)).toBe('d')
    expect(stepThrough(index, matches, 'a', 1)).toBe('a')
    expect(stepThrough(index, matches, 'd', -1)).toBe('d')
  })

  it('starts at the top going down, at the bottom going up, when nothing listed is current', () => {
    expect(stepThrough(index, matches, null, 1)).toBe('d')
    expect(stepThrough(index, matches, 'c', 1)).toBe('d')
    expect(stepThrough(index, matches, null, -1)).toBe('a')
    expect(stepThrough(index, new Int32Array(0), null, 1)).toBeNull()
  })

  it('finds a card position', () => {
    expect(positionOf(index, matches, 'a')).toBe(2)
    expect(positionOf(index, matches, 'c')).toBe(-1)
    expect(positionOf(index, matches, 'zz')).toBe(-1)
  })
})

describe('stepPosition (the Stories list walks by it too)', () => {
  it('moves by the step, stops at the ends, starts at the top going down and at the bottom going up', () => {
    expect(stepPosition(5, 2, 1)).toBe(3)
    expect(stepPosition(5, 2, -1)).toBe(1)
    expect(stepPosition(5, 4, 1)).toBe(4)
    expect(stepPosition(5, 0, -1)).toBe(0)
    expect(stepPosition(5, -1, 1)).toBe(0)
    expect(stepPosition(5, -1, -1)).toBe(4)
    expect(stepPosition(0, -1, 1)).toBe(-1)
  })
})
