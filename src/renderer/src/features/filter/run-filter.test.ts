import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../../shared/testing/random.mjs'
import type { CardRow } from '../../db/database'
import { parseQuery } from '../search/parse-query'
import { facetEntries, toggleValue } from './facets'
import { buildLibraryIndex, buildStateFlags, sortedOrder, type LibraryIndex } from './library-index'
import { EMPTY_FILTERS, runFilter, type FilterState } from './run-filter'
import { day, lightRow as row } from './testing/light-row'

const ROWS: CardRow[] = [
  row('deepfakes', { title: 'China issues draft rules on deep fakes', topics: ['AI', 'Machine Learning'], providerName: 'Jurist', providerDomain: 'jurist.org', publishedAtMs: day(2022, 1, 29), quality: 24, related: ['China targets deepfakes'] }),
  row('vaccine', { title: 'Vaccine approvals', topics: ['Covid'], providerName: 'BBC', providerDomain: 'bbc.co.uk', publishedAtMs: day(2021, 2, 25), quality: 120, heat: 7 }),
  row('video', { title: 'AI explained', topics: ['AI'], type: 'video', providerName: 'YouTube', providerDomain: 'youtube.com', publishedAtMs: day(2022, 3, 1), quality: null, heat: 40 }),
  row('chips', { title: 'Chip shortage eases', excerpt: 'Supply of chips for AI servers', topics: ['AI', 'Hardware'], publishedAtMs: day(2022, 2, 10), quality: 80, heat: 3 }),
  row('undated', { title: 'Undated note', topics: ['Covid'], publishedAtMs: null, quality: 10 })
]

const NO_MARKS = { get: () => undefined }

function setup(marks: Record<string, { read: boolean; starred: boolean }> = {}): { index: LibraryIndex; flags: ReturnType<typeof buildStateFlags> } {
  const index = buildLibraryIndex(ROWS)
  const flags = buildStateFlags(index, Object.keys(marks).length ? { get: (id) => marks[id] } : NO_MARKS)
  return { index, flags }
}

function ids(index: LibraryIndex, matches: Int32Array): string[] {
  return Array.from(matches, (i) => index.rows[i].id)
}

function search(query: string, filters: Partial<FilterState> = {}, marks: Record<string, { read: boolean; starred: boolean }> = {}): string[] {
  const { index, flags } = setup(marks)
  return ids(index, runFilter(index, flags, parseQuery(query), { ...EMPTY_FILTERS, ...filters }, { sort: 'newest' }).matches)
}

function countOf(index: LibraryIndex, counts: Int32Array, table: 'topics' | 'providers' | 'types', name: string): number {
  return counts[index[table].idByKey.get(name.toLowerCase())!]
}

describe('runFilter: search terms', () => {
  it('finds a title with typographic quotes by plain ones and by the same quotes', () => {
    const index = buildLibraryIndex([row('quoted', { title: 'Don\u2019t panic, \u201cthey\u201d say' }), row('plain', { title: 'Do panic' })])
    const found = (query: string) => ids(index, runFilter(index, buildStateFlags(index, NO_MARKS), parseQuery(query), EMPTY_FILTERS, { sort: 'best' }).matches)
    expect(found("don't")).toEqual(['quoted'])
    expect(found('don\u2019t')).toEqual(['quoted'])
    expect(found('"they"')).toEqual(['quoted'])
    // The title still ranks as the title: its length in the haystack is unchanged.
    expect(runFilter(index, buildStateFlags(index, NO_MARKS), parseQuery("don't"), EMPTY_FILTERS, { sort: 'best' }).textMatches).toEqual({ all: 1, own: 1 })
  })

  it('lists everything newest first, undated last, with no query', () => {
    expect(search('')).toEqual(['video', 'chips', 'deepfakes', 'vaccine', 'undated'])
  })

  it('matches free text in title, excerpt and related titles, every word', () => {
    expect(search('chips')).toEqual(['chips'])
    expect(search('targets')).toEqual(['deepfakes'])
    expect(search('ai servers')).toEqual(['chips'])
    expect(search('"ai explained"')).toEqual(['video'])
    expect(search('china vaccine')).toEqual([])
  })

  it('excludes with -term', () => {
    expect(search('-china -chip')).toEqual(['video', 'vaccine', 'undated'])
  })

  it('filters by topic, provider (name or domain) and type, case-insensitively', () => {
    expect(search('topic:ai')).toEqual(['video', 'chips', 'deepfakes'])
    expect(search('topic:"machine learning"')).toEqual(['deepfakes'])
    expect(search('topic:ai -topic:hardware')).toEqual(['video', 'deepfakes'])
    expect(search('provider:bbc')).toEqual(['vaccine'])
    expect(search('provider:jurist.org')).toEqual(['deepfakes'])
    expect(search('type:video')).toEqual(['video'])
    expect(search('-type:video topic:ai')).toEqual(['chips', 'deepfakes'])
    expect(search('topic:nonexistent')).toEqual([])
  })

  it('compares quality, leaving out cards that have none', () => {
    expect(search('quality>50')).toEqual(['chips', 'vaccine'])
    expect(search('quality<=24')).toEqual(['deepfakes', 'undated'])
    expect(search('quality=80')).toEqual(['chips'])
    expect(search('-quality>50')).toEqual(['video', 'deepfakes', 'undated'])
  })

  it('bounds by date: after is inclusive of the day, before is not', () => {
    expect(search('after:2022-01-29')).toEqual(['video', 'chips', 'deepfakes'])
    expect(search('before:2022-01-29')).toEqual(['vaccine'])
    expect(search('after:2022 before:2022-03')).toEqual(['chips', 'deepfakes'])
    expect(search('-before:2022')).toEqual(['video', 'chips', 'deepfakes', 'undated'])
  })

  it('filters by read and star state', () => {
    const marks = { chips: { read: true, starred: true }, vaccine: { read: false, starred: true } }
    expect(search('is:unread', {}, marks)).toEqual(['video', 'deepfakes', 'vaccine', 'undated'])
    expect(search('is:read', {}, marks)).toEqual(['chips'])
    expect(search('is:starred', {}, marks)).toEqual(['chips', 'vaccine'])
    expect(search('is:starred -is:read', {}, marks)).toEqual(['vaccine'])
    expect(search('is:read is:unread', {}, marks)).toEqual([])
  })

  it('ignores terms that failed to parse rather than matching nothing', () => {
    expect(search('chips quality>lots')).toEqual(['chips'])
  })
})

describe('runFilter: facets and toggles', () => {
  it('combines facet selections with the search', () => {
    expect(search('', { topics: ['AI'], providers: ['Reuters'] })).toEqual(['chips'])
    expect(search('', { topics: ['Covid', 'Hardware'] })).toEqual(['chips', 'vaccine', 'undated'])
    expect(search('china', { topics: ['AI'] })).toEqual(['deepfakes'])
    expect(search('', { types: ['video'] })).toEqual(['video'])
  })

  it('applies the date range inclusively and the quality range', () => {
    expect(search('', { from: '2022-01-29', to: '2022-02-10' })).toEqual(['chips', 'deepfakes'])
    expect(search('', { qualityMin: 24, qualityMax: 80 })).toEqual(['chips', 'deepfakes'])
  })

  it('applies the unread and starred toggles', () => {
    const marks = { chips: { read: true, starred: true }, video: { read: false, starred: true } }
    expect(search('', { unreadOnly: true }, marks)).toEqual(['video', 'deepfakes', 'vaccine', 'undated'])
    expect(search('', { starredOnly: true }, marks)).toEqual(['video', 'chips'])
    expect(search('', { starredOnly: true, unreadOnly: true }, marks)).toEqual(['video'])
  })

  it('counts each facet with every other filter applied but its own', () => {
    const { index, flags } = setup()
    const result = runFilter(index, flags, parseQuery(''), { ...EMPTY_FILTERS, topics: ['AI'], providers: ['Reuters'] }, { sort: 'newest' })
    expect(ids(index, result.matches)).toEqual(['chips'])
    // Topics under provider Reuters: chips (AI, Hardware) and undated (Covid).
    expect(countOf(index, result.topicCounts, 'topics', 'AI')).toBe(1)
    expect(countOf(index, result.topicCounts, 'topics', 'Covid')).toBe(1)
    expect(countOf(index, result.topicCounts, 'topics', 'Machine Learning')).toBe(0)
    // Providers under topic AI.
    expect(countOf(index, result.providerCounts, 'providers', 'Jurist')).toBe(1)
    expect(countOf(index, result.providerCounts, 'providers', 'YouTube')).toBe(1)
    expect(countOf(index, result.providerCounts, 'providers', 'BBC')).toBe(0)
    expect(countOf(index, result.typeCounts, 'types', 'article')).toBe(1)
    expect(result.total).toBe(1)
  })

  it('makes the counts follow the search', () => {
    const { index, flags } = setup({ deepfakes: { read: true, starred: false } })
    const result = runFilter(index, flags, parseQuery('topic:ai'), EMPTY_FILTERS, { sort: 'newest' })
    expect(countOf(index, result.topicCounts, 'topics', 'AI')).toBe(3)
    expect(countOf(index, result.topicCounts, 'topics', 'Covid')).toBe(0)
    expect(countOf(index, result.typeCounts, 'types', 'video')).toBe(1)
    expect(result.unreadCount).toBe(2)
    expect(result.starredCount).toBe(0)
  })

  it('counts the unread toggle as what turning it on would show', () => {
    const marks = { chips: { read: true, starred: false } }
    const { index, flags } = setup(marks)
    const on = runFilter(index, flags, parseQuery('topic:ai'), { ...EMPTY_FILTERS, unreadOnly: true }, { sort: 'newest' })
    const off = runFilter(index, flags, parseQuery('topic:ai'), EMPTY_FILTERS, { sort: 'newest' })
    expect(on.unreadCount).toBe(2)
    expect(off.unreadCount).toBe(2)
    expect(on.matches.length).toBe(2)
  })

  it('keeps the open card listed after it is read under the unread toggle', () => {
    const { index, flags } = setup({ chips: { read: true, starred: false } })
    const keepRow = index.indexById.get('chips')!
    const result = runFilter(index, flags, parseQuery(''), { ...EMPTY_FILTERS, unreadOnly: true }, { sort: 'newest', keepRow })
    expect(ids(index, result.matches)).toContain('chips')
    // But a search the card fails still drops it.
    const searched = runFilter(index, flags, parseQuery('vaccine'), { ...EMPTY_FILTERS, unreadOnly: true }, { sort: 'newest', keepRow })
    expect(ids(index, searched.matches)).toEqual(['vaccine'])
  })

  it('counts only, for saved views', () => {
    const { index, flags } = setup({ chips: { read: true, starred: false } })
    const result = runFilter(index, flags, parseQuery('topic:ai'), EMPTY_FILTERS, { sort: 'newest', countOnly: true })
    expect(result.total).toBe(3)
    expect(result.unreadCount).toBe(2)
    expect(result.matches.length).toBe(0)
  })
})

describe('sortedOrder', () => {
  const order = (sort: 'newest' | 'oldest' | 'quality' | 'heat'): string[] => {
    const index = buildLibraryIndex(ROWS)
    return ids(index, sortedOrder(index, sort))
  }
  it('sorts by date both ways with undated cards last', () => {
    expect(order('newest')).toEqual(['video', 'chips', 'deepfakes', 'vaccine', 'undated'])
    expect(order('oldest')).toEqual(['vaccine', 'deepfakes', 'chips', 'video', 'undated'])
  })
  it('sorts by quality and heat, highest first, missing values last', () => {
    expect(order('quality')).toEqual(['vaccine', 'chips', 'deepfakes', 'undated', 'video'])
    expect(order('heat')).toEqual(['video', 'vaccine', 'chips', 'deepfakes', 'undated'])
  })
})

describe('buildLibraryIndex', () => {
  it('interns facet names case-insensitively, keeps the first spelling, and names missing providers', () => {
    const index = buildLibraryIndex([
      row('a', { topics: ['AI'] }),
      row('b', { topics: ['ai', ' '], providerName: '', providerDomain: 'example.org' }),
      row('c', { providerName: '', providerDomain: '' })
    ])
    expect(index.topics.names).toEqual(['AI'])
    expect(index.providers.names).toEqual(['Reuters', 'example.org', 'Unknown provider'])
  })
})

describe('facetEntries', () => {
  const names = ['AI', 'Covid', 'Hardware', 'Space']
  const counts = Int32Array.from([5, 9, 0, 1])

  it('lists the busiest first, hides empty values, and keeps selected ones even at zero', () => {
    expect(facetEntries(names, counts, ['Hardware'], 10).entries).toEqual([
      { name: 'Hardware', count: 0, selected: true },
      { name: 'Covid', count: 9, selected: false },
      { name: 'AI', count: 5, selected: false },
      { name: 'Space', count: 1, selected: false }
    ])
  })

  it('limits the list and says how many are hidden, and narrows by a find text', () => {
    expect(facetEntries(names, counts, [], 2)).toEqual({
      entries: [
        { name: 'Covid', count: 9, selected: false },
        { name: 'AI', count: 5, selected: false }
      ],
      hidden: 1
    })
    expect(facetEntries(names, counts, [], 10, 'sp').entries.map((e) => e.name)).toEqual(['Space'])
  })

  it('keeps a selected value that the library no longer has', () => {
    expect(facetEntries(names, counts, ['Gone'], 10).entries[0]).toEqual({ name: 'Gone', count: 0, selected: true })
  })

  it('lists the same first values as a full sort by count, then name, whatever the limit (many ties)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed)
      const many = Array.from({ length: random.int(0, 300) }, (_, i) => `${random.pick(['Ré', 're', 'Zed', 'ab', 'Äb'])}${i % 37}`)
      const manyCounts = Int32Array.from(many, () => (random.chance(0.2) ? 0 : random.int(1, 6)))
      const selected = random.chance(0.3) ? [random.pick(many) ?? 'x'] : []
      const limit = random.int(0, 40)
      const listed = facetEntries(many, manyCounts, selected, limit)
      const byCountThenName = many
        .map((name, id) => ({ name, count: manyCounts[id], selected: false }))
        .filter((entry) => entry.count > 0 && !selected.some((name) => name.toLowerCase() === entry.name.toLowerCase()))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      const room = Math.max(0, limit - listed.entries.filter((entry) => entry.selected).length)
      expect(listed.entries.filter((entry) => !entry.selected), `seed ${seed}`).toEqual(byCountThenName.slice(0, room))
      expect(listed.hidden, `seed ${seed}`).toBe(Math.max(0, byCountThenName.length - room))
    }
  })
})

describe('toggleValue', () => {
  it('adds and removes case-insensitively', () => {
    expect(toggleValue(['AI'], 'Covid')).toEqual(['AI', 'Covid'])
    expect(toggleValue(['AI', 'Covid'], 'ai')).toEqual(['Covid'])
  })
})
