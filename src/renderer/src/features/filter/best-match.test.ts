import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { parseQuery } from '../search/parse-query'
import { buildLibraryIndex, buildStateFlags } from './library-index'
import { EMPTY_FILTERS, runFilter, type FilterOptions } from './run-filter'
import { lightRow } from './testing/light-row'

const row = (id: string, publishedAtMs: number, title: string, excerpt = '', related: string[] = []): CardRow =>
  lightRow(id, { publishedAtMs, title, excerpt, related, topics: ['Banks'] })

// As in related-heavy: one card is the story, the newer ones only list it among their related coverage.
const ROWS = [
  row('own-title', 1_000, 'CIBC chooses Azure for its cloud', 'The bank moves to Microsoft'),
  row('own-excerpt', 2_000, 'Banks and the cloud', 'Why CIBC chooses Azure, and what others do'),
  row('related-1', 3_000, 'Azure weekly roundup', 'Updates', ['CIBC chooses Azure for its cloud', 'Other news']),
  row('related-2', 4_000, 'Cloud in finance', 'A survey', ['Other', 'CIBC chooses Azure for its cloud']),
  row('unrelated', 5_000, 'Something else', 'Nothing')
]

function listed(query: string, options: Partial<FilterOptions> = {}) {
  const index = buildLibraryIndex(ROWS)
  const result = runFilter(index, buildStateFlags(index, new Map()), parseQuery(query), EMPTY_FILTERS, { sort: 'best', ...options })
  return { ids: Array.from(result.matches, (i) => index.rows[i].id), result }
}

describe('best match while searching', () => {
  it('ranks the title first, then the excerpt, then cards matching only through a related title', () => {
    expect(listed('cibc chooses').ids).toEqual(['own-title', 'own-excerpt', 'related-2', 'related-1'])
    expect(listed('"CIBC chooses"').ids).toEqual(['own-title', 'own-excerpt', 'related-2', 'related-1'])
    // The other sorts still work while searching.
    expect(listed('cibc chooses', { sort: 'newest' }).ids).toEqual(['related-2', 'related-1', 'own-excerpt', 'own-title'])
  })

  it('ranks cards holding every word themselves first, then by how many words their title holds', () => {
    // "azure" is in related-1's title, "cibc" only in its related list; own-excerpt has both in its excerpt.
    expect(listed('azure cibc').ids).toEqual(['own-title', 'own-excerpt', 'related-1', 'related-2'])
  })

  it('narrows to cards that hold the words themselves, and counts them', () => {
    const all = listed('cibc chooses')
    expect(all.result.textMatches).toEqual({ all: 4, own: 2 })
    const own = listed('cibc chooses', { ownOnly: true })
    expect(own.ids).toEqual(['own-title', 'own-excerpt'])
    expect(own.result.total).toBe(2)
    expect(own.result.textMatches).toEqual({ all: 4, own: 2 })
    // Facet counts follow the narrowed list.
    expect(Array.from(own.result.topicCounts)).toEqual([2])
  })

  it('is newest first without search words', () => {
    expect(listed('').ids).toEqual(['unrelated', 'related-2', 'related-1', 'own-excerpt', 'own-title'])
    expect(listed('-nothing').ids).toEqual(['related-2', 'related-1', 'own-excerpt', 'own-title'])
  })
})
