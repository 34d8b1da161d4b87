import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../../shared/testing/random.mjs'
import type { CardRow } from '../../db/database'
import { buildLibraryIndex, type LibraryIndex } from '../filter/library-index'
import { updateLibraryIndex } from '../filter/update-index'
import { StoryMap } from './story-map'
import { StoryTable, storyTableOf } from './story-table'
import type { AddedStory } from './worker-messages'

function card(id: string, next: () => number): CardRow {
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  return {
    folder: 'f',
    id,
    path: `${id}.md`,
    title: id,
    excerpt: '',
    providerName: '',
    providerDomain: pick(['a.example', 'b.example', 'c.example', '']),
    providerLogo: null,
    publishedAtMs: pick([null, 1_000, 2_000, 3_000, 4_000]),
    topics: [],
    type: 'article',
    quality: pick([null, 10, 20]),
    heat: pick([null, 0, 5]),
    thumbnail: null,
    urls: [],
    relatedCount: 0,
    searchText: ''
  }
}

/** What a table says, by anchor rather than story number (a patched table numbers stories differently). */
function tableFacts(table: StoryTable, index: LibraryIndex) {
  const storyAt: (string | null)[] = []
  for (let position = 0; position < index.size; position++) {
    const story = table.storyOf[position]
    storyAt.push(story === -1 ? null : table.stories[story]!.anchor)
  }
  const stories: Record<string, number[]> = {}
  table.stories.forEach((story, number) => {
    if (story === undefined) return
    stories[story.anchor] = [table.first[number], table.latest[number], table.leadQuality[number], table.leadHeat[number], table.outlets[number], table.cards[number]]
  })
  return { storyAt, stories }
}

describe('the story table', () => {
  it('patched through random index patches and worker replies equals one built from scratch', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = createRandom(seed)
      let nextId = 0
      const rows = new Map<string, CardRow>()
      for (let i = 0; i < 60; i++) {
        const id = `c${nextId++}`
        rows.set(id, card(id, random.next))
      }
      // The worker's stories: disjoint groups of card ids, some not in the rows yet, some rows in none.
      const groups = new Map<string, string[]>()
      const ungrouped = () => [...rows.keys()].filter((id) => ![...groups.values()].some((ids) => ids.includes(id)))
      const reply = (removed: string[], added: string[][]): void => {
        for (const anchor of removed) groups.delete(anchor)
        for (const ids of added) groups.set(ids[0], ids)
        map.apply({ reset: false, removed, added: added.map((ids): AddedStory => [ids[0], ids, null, null]), ms: 0 })
      }
      const map = new StoryMap()
      const table = new StoryTable()
      let index = buildLibraryIndex(rows.values())
      map.apply({ reset: true, removed: [], added: [], ms: 0 })
      for (let step = 0; step < 80; step++) {
        const roll = random.next()
        if (roll < 0.35) {
          // Index patch: rewrite, add and remove a few cards.
          for (let k = random.int(1, 3); k > 0; k--) {
            const id = random.pick([...rows.keys()])
            if (id !== undefined) rows.set(id, card(id, random.next))
          }
          for (let k = random.int(0, 2); k > 0; k--) {
            const id = `c${nextId++}`
            rows.set(id, card(id, random.next))
          }
          if (random.chance(0.4) && rows.size > 10) rows.delete(random.pick([...rows.keys()]))
          index = updateLibraryIndex(index, rows)
        } else if (roll < 0.85) {
          // A reply: some stories go, some change (same anchor), new ones gather cards no story holds.
          const removed = [...groups.keys()].filter(() => random.chance(0.15))
          const changed = [...groups.entries()].filter(([anchor]) => !removed.includes(anchor) && random.chance(0.1)).map(([anchor, ids]) => [anchor, ...ids.slice(1).filter(() => random.chance(0.6))])
          for (const [anchor] of changed) groups.delete(anchor)
          const free = [...ungrouped(), ...removed.flatMap((anchor) => groups.get(anchor) ?? [])].filter((id) => !changed.some((ids) => ids.includes(id)))
          for (const anchor of removed) groups.delete(anchor)
          const fresh: string[][] = []
          while (free.length > 0 && random.chance(0.7)) fresh.push(free.splice(0, random.int(1, 4)))
          // A story naming a card the rows do not hold yet.
          if (random.chance(0.2)) fresh.push([`c${nextId + 5}`])
          reply(removed, [...changed, ...fresh])
        } else {
          // A reset reply: every story again.
          map.apply({ reset: true, removed: [], added: [...groups.values()].map((ids): AddedStory => [ids[0], ids, null, null]), ms: 0 })
        }
        table.update(index, map)
        expect(tableFacts(table, index), `seed ${seed} step ${step}`).toEqual(tableFacts(storyTableOf(index, map), index))
      }
    }
  })

  it('puts each card at its story, with the lead by quality then time, and outlets by distinct domain', () => {
    const rows = [
      { ...card('a', () => 0), publishedAtMs: 1_000, quality: 5, heat: 3, providerDomain: 'x.example' },
      { ...card('b', () => 0), publishedAtMs: 3_000, quality: 5, heat: 7, providerDomain: 'X.example' },
      { ...card('c', () => 0), publishedAtMs: 2_000, quality: null, heat: 1, providerDomain: 'y.example' },
      { ...card('d', () => 0), publishedAtMs: null, quality: null, heat: null, providerDomain: '' }
    ]
    const map = new StoryMap()
    map.apply({ reset: true, removed: [], added: [['a', ['a', 'b', 'c'], 1_000, 3_000]], ms: 0 })
    const index = buildLibraryIndex(rows)
    const table = storyTableOf(index, map)
    expect(Array.from(table.storyOf)).toEqual([0, 0, 0, -1])
    // b leads (quality 5 like a, but newer): its heat; x.example and X.example are one outlet.
    expect([table.first[0], table.latest[0], table.leadQuality[0], table.leadHeat[0], table.outlets[0], table.cards[0]]).toEqual([1_000, 3_000, 5, 7, 2, 3])
  })
})
