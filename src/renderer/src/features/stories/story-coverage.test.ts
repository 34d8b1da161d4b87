import { describe, expect, it } from 'vitest'
import type { RelatedRow } from '../../db/database'
import { storyCoverageOf } from './story-coverage'

const item = (cardId: string, url: string | null, publishedAtMs: number, title = `About ${url}`): RelatedRow => ({ folder: 'f', cardId, index: 0, url, title, providerName: 'Outlet', publishedAtMs })

describe('a story\'s related coverage', () => {
  it('lists each piece once by URL, newest first, leaves out the story\'s own cards and marks what came after the read', () => {
    const rows = [item('a', 'https://x.example/1', 10), item('b', 'https://x.example/1', 10), item('b', 'https://x.example/2', 30), item('a', 'https://own.example/b', 5), item('a', null, 20, 'No URL')]
    const { items, duplicates } = storyCoverageOf(rows, new Set(['https://own.example/b']), 15)
    expect(items.map((each) => [each.url, each.isNew])).toEqual([
      ['https://x.example/2', true],
      [null, true],
      ['https://x.example/1', false]
    ])
    expect(duplicates).toBe(1)
  })
})
