import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { buildLibraryIndex, buildStateFlags } from '../filter/library-index'
import { EMPTY_FILTERS, runFilter, type FilterState } from '../filter/run-filter'
import { parseQuery } from '../search/parse-query'
import { unreadInView } from './view-counts'

const row = (id: string, topics: string[], quality: number): CardRow =>
  ({ folder: 'f', id, path: id, title: id, excerpt: '', providerName: 'P', providerDomain: 'p.example', providerLogo: null, publishedAtMs: 1, topics, type: 'article', quality, heat: null, thumbnail: null, urls: [], relatedCount: 0, searchText: `${id} story` }) as CardRow

const index = buildLibraryIndex([row('a', ['AI'], 10), row('b', ['AI'], 90), row('c', ['Space'], 50), row('d', ['AI', 'Space'], 70)])
const marks: Record<string, { read: boolean; starred: boolean }> = { a: { read: true, starred: true }, b: { read: false, starred: true }, d: { read: false, starred: false } }
const flags = buildStateFlags(index, { get: (id) => marks[id] })

/** The straightforward answer: a full filter pass with the unread toggle on. */
const expected = (query: string, filters: FilterState): number => runFilter(index, flags, parseQuery(query), { ...filters, unreadOnly: true }, { sort: 'newest' }).total

describe('unreadInView', () => {
  const views: Array<[string, FilterState]> = [
    ['', EMPTY_FILTERS],
    ['topic:ai', EMPTY_FILTERS],
    ['', { ...EMPTY_FILTERS, topics: ['Space'] }],
    ['quality>20', { ...EMPTY_FILTERS, starredOnly: true }],
    ['is:starred', EMPTY_FILTERS],
    ['is:unstarred topic:ai', EMPTY_FILTERS],
    ['is:read', EMPTY_FILTERS],
    ['-is:unread', EMPTY_FILTERS],
    ['is:unread', { ...EMPTY_FILTERS, unreadOnly: true }],
    ['is:starred is:unstarred', EMPTY_FILTERS],
    ['story -c', EMPTY_FILTERS]
  ]

  it('agrees with a full filter pass for every kind of view', () => {
    for (const [query, filters] of views) expect(unreadInView(index, flags, parseQuery(query), filters), query).toBe(expected(query, filters))
  })

  it('follows the marks without rebuilding the view', () => {
    const query = parseQuery('topic:ai')
    expect(unreadInView(index, flags, query, EMPTY_FILTERS)).toBe(2)
    const allRead = buildStateFlags(index, { get: () => ({ read: true, starred: false }) })
    expect(unreadInView(index, allRead, query, EMPTY_FILTERS)).toBe(0)
  })
})
