import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { parseQuery } from '../search/parse-query'
import { StoryMap } from './story-map'
import { storyIdOf } from '../../../../shared/stories'
import { buildStoryRows as buildStoryRowList, newCoverageOf, type MarkOf, type StoryRow } from './story-rows'
import { sortedStoryRowList, storyRowsOf, STORY_ORDER } from './story-row-list'
import { storyPasses, storyTermsOf } from './story-terms'

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

const buildStoryRows = (...args: Parameters<typeof buildStoryRowList>): StoryRow[] => storyRowsOf(buildStoryRowList(...args))

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
  const byId = new Map(rows.map((each) => [each.id, each]))

  it('makes one row per story with a card in view: the lead by quality, outlets by domain, latest time, unread', () => {
    const stories = buildStoryRows(rows, Int32Array.from([2, 3]), map, byId, marks({ a: 5 }), 'newest')
    expect(stories.map((story) => [story.anchor, story.lead.id, story.outlets, story.latestAtMs, story.unread])).toEqual([
      ['d', 'd', 1, 40, 1],
      ['a', 'b', 2, 30, 2]
    ])
    expect(buildStoryRows(rows, Int32Array.from([0, 1, 2, 3]), map, byId, marks({}), 'covered').map((story) => story.anchor)).toEqual(['a', 'd'])
  })

  it('gives the same rows from the map alone (every card in view, the map in step with the rows) as card by card, in every order', () => {
    const facts = (stories: StoryRow[]) => stories.map((story) => [story.anchor, story.id, story.lead.id, story.cards.map((card) => card.id), story.outlets, story.firstAtMs, story.latestAtMs, story.unread])
    const everyCard = Int32Array.from([3, 1, 0, 2])
    for (const sort of ['newest', 'oldest', 'quality', 'heat', 'covered'] as const) {
      const fromMap = buildStoryRows(rows, everyCard, map, byId, marks({ b: 5 }), sort, true)
      expect(facts(fromMap), sort).toEqual(facts(buildStoryRows(rows, everyCard, map, byId, marks({ b: 5 }), sort, false)))
    }
    // Several stories with the same latest time: the order falls back to the story id, the same both ways.
    const tied = [row('p', { publishedAtMs: 7 }), row('q', { publishedAtMs: 7 }), row('r', { publishedAtMs: 7 })]
    const tiedMap = new StoryMap()
    tiedMap.apply({ reset: true, removed: [], added: tied.map((card) => [card.id, [card.id], 7, 7]), ms: 0 })
    const tiedById = new Map(tied.map((card) => [card.id, card]))
    const order = (inStep: boolean) => buildStoryRows(tied, Int32Array.from([0, 1, 2]), tiedMap, tiedById, marks({}), 'newest', inStep).map((story) => story.anchor)
    expect(order(true)).toEqual(order(false))
    expect(order(true)).toEqual(tied.map((card) => card.id).sort((a, b) => (storyIdOf(a) < storyIdOf(b) ? -1 : 1)))
  })

  it('applies story:, outlets>N and is:updated', () => {
    const stories = buildStoryRows(rows, Int32Array.from([0, 3]), map, byId, marks({}), 'newest')
    const pass = (query: string) => stories.filter((story) => storyPasses(story, storyTermsOf(parseQuery(query)))).map((story) => story.anchor)
    expect(pass('outlets>1')).toEqual(['a'])
    expect(pass('-outlets>1')).toEqual(['d'])
    expect(pass(`story:${stories[0].id}`)).toEqual([stories[0].anchor])
    expect(pass('is:updated')).toEqual([])
    expect(parseQuery('outlets>x').errors[0].message).toMatch(/outlets needs a whole number/)
  })
})

describe('the keyed story order', () => {
  it('is the full order in every sort, over many ties and missing times, both ways, and a row is made only when read', () => {
    // Few distinct times, qualities and heats: long runs of equal first keys.
    const pick = <T,>(values: readonly T[], seed: number): T => values[seed % values.length]
    const cards = Array.from({ length: 240 }, (_, i) =>
      row(`k${i}`, { publishedAtMs: pick([5, 9, null, 9, 14], i * 7), quality: pick([null, 3, 8], i * 5), heat: pick([2, null, 6, 2], i * 3), providerDomain: `d${i % 4}.example` })
    )
    const storyMap = new StoryMap()
    const added: [string, string[], number | null, number | null][] = []
    for (let i = 0; i < cards.length; ) {
      const members = cards.slice(i, i + 1 + (i % 3))
      const times = members.map((card) => card.publishedAtMs).filter((time): time is number => time !== null)
      added.push([members[0].id, members.map((card) => card.id), times.length ? Math.min(...times) : null, times.length ? Math.max(...times) : null])
      i += members.length
    }
    storyMap.apply({ reset: true, removed: [], added, ms: 0 })
    const cardById = new Map(cards.map((card) => [card.id, card]))
    const everyCard = Int32Array.from(cards.keys())
    for (const sort of ['newest', 'oldest', 'quality', 'heat', 'covered'] as const) {
      for (const inStep of [true, false]) {
        const list = buildStoryRowList(cards, everyCard, storyMap, cardById, marks({}), sort, inStep)
        expect(list.length).toBe(added.length)
        const listed = storyRowsOf(list)
        const expected = [...listed].sort(STORY_ORDER[sort]).map((story) => story.anchor)
        expect(listed.map((story) => story.anchor), `${sort} ${inStep}`).toEqual(expected)
        expect(list.positionOf(listed[17].anchor)).toBe(17)
        expect(list.anchorAt(17)).toBe(listed[17].anchor)
      }
    }
    const made: string[] = []
    const lazy = sortedStoryRowList(['x', 'y', 'z'], Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2), (entry) => {
      made.push(`${entry}`)
      return buildStoryRowList(cards, Int32Array.of(entry), storyMap, cardById, marks({}), 'newest').at(0)!
    }, 'newest')
    expect([lazy.anchorAt(0), lazy.anchorAt(1), lazy.anchorAt(2), lazy.positionOf('x')]).toEqual(['y', 'z', 'x', 2])
    expect(made).toEqual([])
    expect(lazy.at(0)).toBe(lazy.at(0))
    expect(made).toEqual(['1'])
  })
})
