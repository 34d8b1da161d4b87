// For random folders and random changes, the clustering kept up to date change
// by change must equal one built from scratch over the final cards.
import { describe, expect, it } from 'vitest'
import { seeded } from '../testing/seeded'
import { StoryClusters, type StoryInput } from './story-clusters'

const HOUR = 3_600_000
const EVENTS = [
  'microsoft metaswitch acquisition azure',
  'pentagon jedi contract review',
  'norway storm floods harbours',
  'leeds solar farm approved',
  'hull wind turbine rejected',
  'apple ipad chip launch',
  'tesla recall seat belts',
  'google finland data centre'
].map((event) => event.split(' '))
const FILLER = 'report today week company plan market deal city council cloud energy users'.split(' ')

// Cards in 1970 all fall on the first posting day the index keeps (see
// story-clusters.ts); seeds from 11 on spread them over weeks of 2024, so
// candidates cross the index's day buckets.
const START_OF_2024 = Date.UTC(2024, 0, 1)
let origin = 0
let spanHours = 10 * 24

function randomCard(random: ReturnType<typeof seeded>, id: string): StoryInput {
  const event = random.pick(EVENTS)
  const words = (count: number) => Array.from({ length: count }, () => (random.int(3) === 0 ? random.pick(FILLER) : random.pick(event))).join(' ')
  return { id, title: words(3 + random.int(4)), excerpt: words(random.int(8)), publishedAtMs: random.int(10) === 0 ? null : origin + random.int(spanHours) * HOUR }
}

const canonical = (clusters: StoryClusters) =>
  [...clusters.stories().entries()].map(([anchor, ids]) => `${anchor}: ${ids.join(',')}`).sort()

describe('StoryClusters, incrementally', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]) {
    it(`equals a clustering from scratch after random adds, rewrites, renames and removals (seed ${seed})`, () => {
      origin = seed > 10 ? START_OF_2024 : 0
      spanHours = seed > 10 ? 21 * 24 : 10 * 24
      const random = seeded(seed)
      const live = new Map<string, StoryInput>()
      let next = 0
      for (let i = 0; i < 40; i++) {
        const card = randomCard(random, `c${next++}`)
        live.set(card.id, card)
      }
      const clusters = new StoryClusters(live.values())
      for (let step = 0; step < 300; step++) {
        const ids = [...live.keys()]
        const roll = random.int(10)
        if (roll < 4 || ids.length < 5) {
          const card = randomCard(random, `c${next++}`)
          live.set(card.id, card)
          clusters.set(card)
        } else if (roll < 7) {
          // A rewrite; sometimes to another card's words, so it moves story (and may take its old story's name with it).
          const id = random.pick(ids)
          const copied = random.int(3) === 0 ? live.get(random.pick(ids))! : null
          const card = copied ? { ...copied, id, publishedAtMs: live.get(id)!.publishedAtMs } : randomCard(random, id)
          live.set(card.id, card)
          clusters.set(card)
        } else if (roll < 8) {
          // A rename keeps the text under a new id.
          const old = live.get(random.pick(ids))!
          live.delete(old.id)
          clusters.delete(old.id)
          const renamed = { ...old, id: `c${next++}` }
          live.set(renamed.id, renamed)
          clusters.set(renamed)
        } else {
          const id = random.pick(ids)
          live.delete(id)
          clusters.delete(id)
        }
      }
      const scratch = new StoryClusters(live.values(), { snapshot: clusters.idfSnapshot })
      expect(canonical(clusters)).toEqual(canonical(scratch))
      expect(clusters.size).toBe(live.size)
      // The folder is made of few events: stories of several cards must exist, or this test would prove little.
      expect([...clusters.stories().values()].some((ids) => ids.length > 2)).toBe(true)
    })
  }
})
