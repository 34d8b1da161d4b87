// Light card rows for the filter's tests: only what a test names differs from a plain Reuters article.
import type { CardRow } from '../../../db/database'
import { foldSearchText } from '../../../../../shared/search-text'

/** Local noon on the day given, as the rows' publishedAtMs. */
export const day = (y: number, m: number, d: number, h = 12): number => new Date(y, m - 1, d, h).getTime()

/** A row; `related` are the titles of its related coverage, which its search text holds. */
export function lightRow(id: string, fields: Partial<CardRow> & { related?: string[] } = {}): CardRow {
  const { related = [], ...given } = fields
  const title = given.title ?? id
  const excerpt = given.excerpt ?? ''
  return {
    folder: '/cards',
    id,
    path: `${id}.md`,
    providerName: 'Reuters',
    providerDomain: 'reuters.com',
    providerLogo: null,
    publishedAtMs: day(2022, 1, 1),
    topics: [],
    type: 'article',
    quality: 50,
    heat: null,
    thumbnail: null,
    urls: [`https://example.com/${id}`],
    relatedCount: related.length,
    searchText: foldSearchText([title, excerpt, ...related].join('\n')),
    ...given,
    title,
    excerpt
  }
}
