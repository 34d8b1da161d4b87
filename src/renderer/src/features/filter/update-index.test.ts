import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../../shared/testing/random.mjs'
import type { CardRow } from '../../db/database'
import { parseQuery } from '../search/parse-query'
import { buildLibraryIndex, buildStateFlags, SORT_KEYS, type LibraryIndex } from './library-index'
import { EMPTY_FILTERS, runFilter, type FilterState } from './run-filter'
import { stateFlagsAfter, updateLibraryIndex } from './update-index'

const TOPICS = ['AI', 'Space', 'Climate', 'Energy', 'Health']
const PROVIDERS = ['Reuters', 'Jurist', 'Orbit Watch', '']

function makeRow(next: () => number, id: string, version: number): CardRow {
  const pick = <T,>(list: T[]): T => list[Math.floor(next() * list.length)]
  const topics = [...new Set([pick(TOPICS), ...(next() < 0.4 ? [pick(TOPICS)] : [])])]
  const title = `${pick(['vaccine', 'launch', 'market', 'storm'])} story ${id} v${version}`
  return {
    folder: '/f',
    id,
    path: `${id}.md`,
    title,
    excerpt: '',
    providerName: pick(PROVIDERS),
    providerDomain: pick(['a.example', 'b.example']),
    providerLogo: null,
    publishedAtMs: next() < 0.05 ? null : Math.floor(next() * 1000) * 60_000,
    topics,
    type: next() < 0.1 ? 'video' : 'article',
    quality: next() < 0.1 ? null : Math.floor(next() * 50),
    heat: next() < 0.3 ? null : Math.floor(next() * 20),
    thumbnail: null,
    urls: [`https://x.example/${id}`, ...(next() < 0.2 ? [`https://amp.x.example/${id}/v${version}`] : [])],
    relatedCount: 0,
    searchText: title
  }
}

const FILTERS: Array<[string, FilterState]> = [
  ['', EMPTY_FILTERS],
  ['story', { ...EMPTY_FILTERS, topics: ['AI'] }],
  ['-vaccine quality>10', { ...EMPTY_FILTERS, providers: ['Reuters', 'Unknown provider'] }],
  ['is:unread', { ...EMPTY_FILTERS, types: ['video'] }]
]

/** Everything a user can see of an index: every listing in every sort, with its counts, and URL lookups. */
function observe(index: LibraryIndex, marks: Map<string, { read: boolean; starred: boolean }>): unknown {
  const flags = buildStateFlags(index, marks)
  const named = (names: string[], counts: Int32Array): Record<string, number> => Object.fromEntries(names.map((name, id) => [name, counts[id] ?? 0]).filter(([, count]) => count !== 0))
  return {
    live: index.liveCount,
    unread: flags.unread,
    views: FILTERS.flatMap(([query, filters]) =>
      SORT_KEYS.map((sort) => {
        const result = runFilter(index, flags, parseQuery(query), filters, { sort })
        return {
          ids: Array.from(result.matches, (slot) => index.rows[slot].id),
          topics: named(index.topics.names, result.topicCounts),
          providers: named(index.providers.names, result.providerCounts),
          types: named(index.types.names, result.typeCounts),
          unread: result.unreadCount
        }
      })
    ),
    // Every listed card is found by its id at its own slot.
    ids: Array.from({ length: index.size }, (_, slot) => slot)
      .filter((slot) => !index.removed?.[slot])
      .map((slot) => [index.rows[slot].id, index.indexById.get(index.rows[slot].id) === slot])
      .sort()
  }
}

describe('updateLibraryIndex', () => {
  it.each([
    [7, 'every row compared'],
    [11, 'every row compared'],
    [23, 'every row compared'],
    [7, 'the changed ids given'],
    [29, 'the changed ids given']
  ])('shows the same as a fresh build after every kind of batch (seed %i, %s)', (seed, how) => {
    const withIds = how === 'the changed ids given'
    const { next } = createRandom(seed)
    const rows = new Map<string, CardRow>()
    const marks = new Map<string, { read: boolean; starred: boolean }>()
    let serial = 0
    for (let i = 0; i < 300; i++) {
      const id = `c${serial++}`
      rows.set(id, makeRow(next, id, 0))
    }
    let index = updateLibraryIndex(null, rows)
    let flags = buildStateFlags(index, marks)
    // Warm the sort orders so the merge path is exercised.
    for (const sort of SORT_KEYS) runFilter(index, buildStateFlags(index, marks), parseQuery(''), EMPTY_FILTERS, { sort })

    for (let batch = 0; batch < 40; batch++) {
      const ids = [...rows.keys()]
      const edits = 1 + Math.floor(next() * 12)
      const changed: string[] = []
      let marked = false
      for (let e = 0; e < edits; e++) {
        const roll = next()
        const id = ids[Math.floor(next() * ids.length)]
        if (roll < 0.4) rows.set(id, makeRow(next, id, batch + 1))
        else if (roll < 0.6) {
          changed.push(`c${serial}`)
          rows.set(`c${serial}`, makeRow(next, `c${serial++}`, 0))
        } else if (roll < 0.8) rows.delete(id)
        else {
          marks.set(id, { read: next() < 0.5, starred: next() < 0.3 })
          marked = true
        }
        if (roll < 0.8) changed.push(id)
      }
      // Now and then a removed card comes back under its old id.
      if (batch % 9 === 4) {
        rows.set('c1', makeRow(next, 'c1', 99))
        changed.push('c1')
      }
      const before = index
      index = updateLibraryIndex(index, rows, withIds ? changed : null)
      expect(observe(index, marks), `after batch ${batch}`).toEqual(observe(buildLibraryIndex(rows.values()), marks))
      // With the same marks, the flags carried over the patch are the flags made afresh.
      flags = marked ? buildStateFlags(index, marks) : stateFlagsAfter(before, flags, index, marks)
      expect(flags, `flags after batch ${batch}`).toEqual(buildStateFlags(index, marks))
    }
    expect(index.removed).not.toBeNull()
  })

  it('returns the same index when nothing changed, and patches in place for a rewrite', () => {
    const { next } = createRandom(3)
    const rows = new Map([...Array(50)].map((_, i) => [`c${i}`, makeRow(next, `c${i}`, 0)] as const))
    const first = updateLibraryIndex(null, rows)
    expect(updateLibraryIndex(first, rows)).toBe(first)
    rows.set('c7', makeRow(next, 'c7', 1))
    const second = updateLibraryIndex(first, rows)
    expect(second).not.toBe(first)
    expect(second.size).toBe(first.size)
    expect(second.rows[first.indexById.get('c7')!]).toBe(rows.get('c7'))
  })

  it('rebuilds once removed slots pile up', () => {
    const { next } = createRandom(5)
    const rows = new Map([...Array(100)].map((_, i) => [`c${i}`, makeRow(next, `c${i}`, 0)] as const))
    let index = updateLibraryIndex(null, rows)
    for (let i = 0; i < 5; i++) rows.delete(`c${i}`)
    index = updateLibraryIndex(index, rows)
    expect(index.size).toBe(100)
    expect(index.liveCount).toBe(95)
    for (let i = 5; i < 20; i++) rows.delete(`c${i}`)
    index = updateLibraryIndex(index, rows)
    expect(index.size).toBe(80)
    expect(index.removed).toBeNull()
  })
})
