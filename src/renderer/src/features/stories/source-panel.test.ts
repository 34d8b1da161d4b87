import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { sourceFigures } from './source-panel'
import { summarizeStory } from '../../../../shared/stories'

const card = (id: string, providerDomain: string, quality: number | null, type = 'article'): CardRow => ({
  folder: 'f',
  id,
  path: `${id}.md`,
  title: id,
  excerpt: '',
  providerName: providerDomain === '' ? 'No Domain News' : providerDomain.toUpperCase(),
  providerDomain,
  providerLogo: null,
  publishedAtMs: 1_000,
  topics: [],
  type,
  quality,
  heat: null,
  thumbnail: null,
  urls: [],
  relatedCount: 0,
  searchText: ''
})

describe('the source panel', () => {
  it('gives the median of an even count as the mean of the middle two, and counts outlets as the story row does', () => {
    const cards = [card('a', 'x.example', 22), card('b', 'y.example', 47), card('c', 'X.example', null, 'video'), card('d', '', null)]
    const figures = sourceFigures(cards)
    expect(figures.quality).toEqual({ min: 22, median: 34.5, max: 47 })
    expect(figures.outlets).toBe(summarizeStory('a', cards).outlets)
    expect(figures.outlets).toBe(2)
    expect([figures.articles, figures.videos]).toEqual([3, 1])
    expect(figures.top.map((outlet) => [outlet.name, outlet.cards])).toEqual([
      ['X.EXAMPLE', 2],
      ['No Domain News', 1],
      ['Y.EXAMPLE', 1]
    ])
    expect(sourceFigures([card('a', 'x.example', 5), card('b', 'x.example', 9), card('c', 'x.example', 7)]).quality?.median).toBe(7)
  })
})
