import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { parseQuery } from '../search/parse-query'
import { StoryMap } from './story-map'
import { storyIdOf } from '../../../../shared/stories'
import { buildStoryRows as buildStoryRowList, newCoverageOf, orderStories, storyRowOf, storyRowsIn, type MarkOf, type StoryRow, type StorySort } from './story-rows'
import { storyTableOf } from './story-table'
import { buildLibraryIndex, type LibraryIndex } from '../filter/library-index'
import { updateLibraryIndex } from '../filter/update-index'
import { sortedStoryRowList, storyRowsOf, STORY_ORDER } from './story-row-list'
import { storyPasses, storyRowsWhere, storyTermsOf } from './story-terms'

const row = (id: string, fields: Partial<CardRow> = {}): CardRow => ({
  folder: 'f',
  id,
  path: `${id}.md`,
  title: `Title ${id}`,
  excerpt: '',
  providerName: `Outlet ${id}`,
  providerDomain: `${id}.example`,
  providerLogo: null,
  publishedAtMs: 1_000,
  topics: [],
  type: 'article',
  quality: null,
  heat: null,
  thumbnail: null,
  urls: [],
  relatedCount: 0,
  searchText: '',
  ...fields
})

const marks = (entries: Record<string, number | null>): MarkOf => (id) => (id in entries ? { read: entries[id] !== null, readAt: entries[id] } : undefined)

const SORTS = ['newest', 'oldest', 'quality', 'heat', 'covered'] as const

/** The Stories list as the reader makes it: the index of the rows, the story table over it, the matched positions. */
function storyList(rows: readonly CardRow[] | LibraryIndex, matches: Int32Array, map: StoryMap, markOf: MarkOf, sort: StorySort, byId?: ReadonlyMap<string, CardRow>) {
  const index = Array.isArray(rows) ? buildLibraryIndex(rows) : (rows as LibraryIndex)
  const cardById = byId ?? new Map(index.rows.map((card) => [card.id, card]))
  return buildStoryRowList(index, matches, storyTableOf(index, map), cardById, markOf, sort)
}
const buildStoryRows = (...args: Parameters<typeof storyList>): StoryRow[] => storyRowsOf(storyList(...args))

/**
 * The rows the list made before the story table, card by card: each matched
 * card's story from the map (a card the map lacks, alone), all of its cards
 * found in `byId`, summarised by the row and sorted by the full order.
 */
function referenceRows(rows: readonly CardRow[], matches: Int32Array, map: StoryMap, byId: ReadonlyMap<string, CardRow>, markOf: MarkOf, sort: StorySort): StoryRow[] {
  const byAnchor = new Map<string, StoryRow>()
  for (const position of matches) {
    const card = rows[position]
    const story = map.storyOfCard.get(card.id)
    const anchor = story?.anchor ?? card.id
    if (byAnchor.has(anchor)) continue
    const members = (story?.ids ?? [card.id]).map((id) => byId.get(id)).filter((each): each is CardRow => each !== undefined)
    byAnchor.set(anchor, storyRowOf(anchor, members.length > 0 ? members : [card], markOf))
  }
  return [...byAnchor.values()].sort(STORY_ORDER[sort])
}

const facts = (stories: StoryRow[]) =>
  stories.map((story) => [story.anchor, story.id, story.lead.id, story.cards.map((card) => card.id), story.outlets, story.firstAtMs, story.latestAtMs, story.unread, story.newCount])

describe('new coverage since a story was read', () => {
  it('counts related items and unread cards published after the latest read, and nothing for a story never read', () => {
    const cards = [row('a', { relatedTimes: [900, 500] }), row('b', { publishedAtMs: 2_000, relatedTimes: [3_000, 2_500, 100] }), row('c', { publishedAtMs: 50 })]
    expect(newCoverageOf(cards, marks({})).count).toBe(0)
    const coverage = newCoverageOf(cards, marks({ a: 1_500 }))
    // b itself (unread, newer than the read) and its two newer related items; a's are older; c is older.
    expect(coverage.count).toBe(3)
    expect([...coverage.ids]).toEqual(['b'])
    expect(newCoverageOf(cards, marks({ a: 1_500, b: 4_000 })).count).toBe(0)
  })
})

describe('story rows', () => {
  const rows = [row('a', { publishedAtMs: 10, quality: 5 }), row('b', { publishedAtMs: 30, quality: 9 }), row('c', { publishedAtMs: 20, providerDomain: 'a.example' }), row('d', { publishedAtMs: 40 })]
  const map = new StoryMap()
  map.apply({ reset: true, removed: [], added: [['a', ['a', 'c', 'b'], 10, 30], ['d', ['d'], 40, 40]], ms: 0 })

  it('makes one row per story with a card in view: the lead by quality, outlets by domain, latest time, unread', () => {
    const stories = buildStoryRows(rows, Int32Array.from([2, 3]), map, marks({ a: 5 }), 'newest')
    expect(stories.map((story) => [story.anchor, story.lead.id, story.outlets, story.latestAtMs, story.unread])).toEqual([
      ['d', 'd', 1, 40, 1],
      ['a', 'b', 2, 30, 2]
    ])
    expect(buildStoryRows(rows, Int32Array.from([0, 1, 2, 3]), map, marks({}), 'covered').map((story) => story.anchor)).toEqual(['a', 'd'])
  })

  it('gives the rows and order the list made card by card, in every sort, every card in view or a filter on', () => {
    const byId = new Map(rows.map((each) => [each.id, each]))
    for (const matches of [Int32Array.from([3, 1, 0, 2]), Int32Array.from([2]), Int32Array.from([3, 0])]) {
      for (const sort of SORTS) {
        expect(facts(buildStoryRows(rows, matches, map, marks({ b: 5 }), sort)), `${sort} ${matches}`).toEqual(facts(referenceRows(rows, matches, map, byId, marks({ b: 5 }), sort)))
      }
    }
    // Several stories with the same latest time: the order falls back to the story id.
    const tied = [row('p', { publishedAtMs: 7 }), row('q', { publishedAtMs: 7 }), row('r', { publishedAtMs: 7 })]
    const tiedMap = new StoryMap()
    tiedMap.apply({ reset: true, removed: [], added: tied.map((card) => [card.id, [card.id], 7, 7]), ms: 0 })
    expect(buildStoryRows(tied, Int32Array.from([0, 1, 2]), tiedMap, marks({}), 'newest').map((story) => story.anchor)).toEqual(
      tied.map((card) => card.id).sort((a, b) => (storyIdOf(a) < storyIdOf(b) ? -1 : 1))
    )
  })

  it('lists a card the worker has not placed yet as a story of its own, and leaves out a card removed from the index', () => {
    const fresh = row('e', { publishedAtMs: 50, quality: 99 })
    // Enough other cards that removing one is patched into its slot, not rebuilt.
    const others = Array.from({ length: 20 }, (_, i) => row(`o${i}`))
    const index = updateLibraryIndex(buildLibraryIndex([...rows, ...others]), new Map([...rows.filter((card) => card.id !== 'd'), ...others, fresh].map((card) => [card.id, card])))
    expect([index.removed?.[3], index.indexById.get('e')]).toEqual([1, 24])
    const stories = buildStoryRows(index, Int32Array.from([0, 1, 2, 3, 24]), map, marks({}), 'quality')
    expect(stories.map((story) => [story.anchor, story.lead.id, story.cards.length])).toEqual([
      ['e', 'e', 1],
      ['a', 'b', 3]
    ])
  })

  it('applies story:, outlets>N and is:updated', () => {
    const stories = buildStoryRows(rows, Int32Array.from([0, 3]), map, marks({}), 'newest')
    const pass = (query: string) => stories.filter((story) => storyPasses(story, storyTermsOf(parseQuery(query)))).map((story) => story.anchor)
    expect(pass('outlets>1')).toEqual(['a'])
    expect(pass('-outlets>1')).toEqual(['d'])
    expect(pass(`story:${stories[0].id}`)).toEqual([stories[0].anchor])
    expect(pass('is:updated')).toEqual([])
    expect(parseQuery('outlets>x').errors[0].message).toMatch(/outlets needs a whole number/)
  })

  it('filters the list by story terms from its typed keys as the rows themselves would, making rows only for is:updated', () => {
    const cards = [...rows, row('e', { publishedAtMs: 60, relatedTimes: [70] }), row('f', { publishedAtMs: 5 })]
    const index = buildLibraryIndex(cards)
    const table = storyTableOf(index, map)
    const byId = new Map(cards.map((card) => [card.id, card]))
    const readMarks = marks({ a: 15, e: 65 })
    const ordered = orderStories(index, Int32Array.from(cards.keys()), table, 'newest')
    const all = storyRowsOf(storyRowsIn(ordered, index, table, byId, readMarks))
    const aId = all.find((story) => story.anchor === 'a')!.id
    for (const query of ['outlets>1', 'outlets=1', '-outlets>1', `story:${aId}`, `story:${aId.slice(0, 3)}`, 'is:updated', '-is:updated outlets<2']) {
      const terms = storyTermsOf(parseQuery(query))
      const made: string[] = []
      const list = storyRowsIn(ordered, index, table, byId, (id) => (made.push(id), readMarks(id)))
      const kept = storyRowsWhere(ordered, list, terms)
      expect(storyRowsOf(kept).map((story) => story.anchor), query).toEqual(all.filter((story) => storyPasses(story, terms)).map((story) => story.anchor))
      if (!query.includes('is:updated')) expect(made, query).toEqual([])
      expect(kept.positionOf(kept.anchorAt(kept.length - 1)!)).toBe(kept.length - 1)
    }
    expect(storyRowsOf(storyRowsWhere(ordered, storyRowsIn(ordered, index, table, byId, readMarks), storyTermsOf(parseQuery('is:updated')))).map((story) => story.anchor)).toEqual(['e', 'a'])
  })
})

describe('the keyed story order', () => {
  it('is the full order in every sort, over many ties and missing times, every card in view or some, and a row is made only when read', () => {
    // Few distinct times, qualities and heats: long runs of equal first keys.
    const pick = <T,>(values: readonly T[], seed: number): T => values[seed % values.length]
    const cards = Array.from({ length: 240 }, (_, i) =>
      row(`k${i}`, { publishedAtMs: pick([5, 9, null, 9, 14], i * 7), quality: pick([null, 3, 8, 0], i * 5), heat: pick([2, null, 6, 2, 0], i * 3), providerDomain: pick(['d0.example', 'd1.example', '', 'D0.example'], i) })
    )
    const storyMap = new StoryMap()
    const added: [string, string[], number | null, number | null][] = []
    // Every 11th card is left out of the map: the worker has not placed it yet.
    for (let i = 0; i < cards.length; ) {
      const members = cards.slice(i, i + 1 + (i % 3)).filter((_, k) => (i + k) % 11 !== 0)
      i += 1 + (i % 3)
      if (members.length === 0) continue
      const times = members.map((card) => card.publishedAtMs).filter((time): time is number => time !== null)
      added.push([members[0].id, members.map((card) => card.id), times.length ? Math.min(...times) : null, times.length ? Math.max(...times) : null])
    }
    storyMap.apply({ reset: true, removed: [], added, ms: 0 })
    const cardById = new Map(cards.map((card) => [card.id, card]))
    const everyCard = Int32Array.from(cards.keys())
    const someCards = everyCard.filter((position) => position % 4 !== 1)
    for (const sort of SORTS) {
      for (const matches of [everyCard, someCards]) {
        const list = storyList(cards, matches, storyMap, marks({}), sort)
        const listed = storyRowsOf(list)
        expect(facts(listed), `${sort} ${matches.length}`).toEqual(facts(referenceRows(cards, matches, storyMap, cardById, marks({}), sort)))
        expect(list.positionOf(listed[17].anchor)).toBe(17)
        expect(list.anchorAt(17)).toBe(listed[17].anchor)
      }
    }
    const made: string[] = []
    const keys = {
      anchors: ['x', 'y', 'z'],
      first: Float64Array.of(1, 2, 3),
      latest: Float64Array.of(1, 3, 2),
      leadQuality: Float64Array.of(-1, -1, -1),
      leadHeat: Float64Array.of(-1, -1, -1),
      outlets: Int32Array.of(1, 1, 1),
      cards: Int32Array.of(1, 1, 1)
    }
    const lazy = sortedStoryRowList(keys, (entry) => {
      made.push(`${entry}`)
      return storyList(cards, Int32Array.of(entry), storyMap, marks({}), 'newest').at(0)!
    }, 'newest')
    expect([lazy.anchorAt(0), lazy.anchorAt(1), lazy.anchorAt(2), lazy.positionOf('x')]).toEqual(['y', 'z', 'x', 2])
    expect(made).toEqual([])
    expect(lazy.at(0)).toBe(lazy.at(0))
    expect(made).toEqual(['1'])
  })
})
