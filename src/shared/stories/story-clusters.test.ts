import { describe, expect, it } from 'vitest'
import { StoryClusters, type StoryInput } from './story-clusters'

const HOUR = 3_600_000
const T0 = Date.UTC(2024, 2, 10, 8)

const card = (id: string, title: string, excerpt = '', hoursLater = 0): StoryInput => ({ id, title, excerpt, publishedAtMs: T0 + hoursLater * HOUR })

// Unrelated cards so the rare-term weights look like a real folder's.
const background: StoryInput[] = [
  'Apple ships a new iPad with a faster chip',
  'Google opens a data centre in Finland',
  'Amazon raises prime prices in Europe',
  'Tesla recalls cars over seat belt warnings',
  'Netflix adds games to its mobile app',
  'Intel delays its next desktop processor',
  'Samsung shows a foldable phone prototype',
  'Oracle reports cloud revenue growth'
].map((title, i) => card(`bg${i}`, title, '', i * 2))

const metaswitch = [
  card('m1', 'Microsoft acquires Metaswitch Networks to expand Azure 5G push', 'Microsoft agreed to buy Metaswitch Networks, a maker of cloud native 5G core software.'),
  card('m2', 'Microsoft to buy Metaswitch Networks in 5G cloud deal', 'Metaswitch Networks will join Azure as Microsoft expands its 5G core software.', 3),
  card('m3', 'Metaswitch Networks acquired by Microsoft for Azure 5G', 'The deal brings Metaswitch 5G core software to Microsoft Azure for operators.', 20)
]
const jedi = [
  card('j1', 'Pentagon reviews JEDI cloud contract award to Microsoft', 'The Pentagon inspector general is reviewing the JEDI award after Amazon protested.', 1),
  card('j2', 'JEDI contract award review: Pentagon inspector general weighs in', 'The JEDI cloud contract award review by the Pentagon inspector general continues.', 5)
]

const storiesOf = (clusters: StoryClusters): string[][] =>
  [...clusters.stories().values()].map((ids) => [...ids].sort()).filter((ids) => !ids[0].startsWith('bg') || ids.length > 1).sort((a, b) => (a[0] < b[0] ? -1 : 1))

describe('StoryClusters', () => {
  it('makes one story of cards that tell one event, and keeps two events on one day apart though they share words', () => {
    const clusters = new StoryClusters([...background, ...metaswitch, ...jedi])
    expect(storiesOf(clusters)).toEqual([['j1', 'j2'], ['m1', 'm2', 'm3']])
  })

  it('keeps notices of different events apart though they name the same date (a date says when, not what)', () => {
    const notices = [
      card('r1', 'We are retiring Azure Cognitive Services Text Analytics v2.x on 29 February 2024', 'Retirement notice: migrate before 29 February 2024.'),
      card('r2', "We're retiring classic Application Insights on 29 February 2024", 'Retirement notice: migrate before 29 February 2024.', 20),
      card('r3', 'Update the Azure Cosmos DB Java SDK by 29 February 2024', 'Retirement notice: update before 29 February 2024.', 40)
    ]
    expect(storiesOf(new StoryClusters([...background, ...metaswitch, ...notices]))).toEqual([['m1', 'm2', 'm3'], ['r1'], ['r2'], ['r3']])
  })

  it('merges a card into a story and splits the story when the card that joined it is removed', () => {
    // Alone, the two halves share too little; the bridge tells the whole event.
    const left = card('a', 'Storm floods coastal towns in Norway', 'Heavy rain flooded fishing harbours overnight.')
    const right = card('b', 'Norway evacuates villages as rivers rise', 'Rivers burst their banks in western Norway.', 4)
    const bridge = card('c', 'Norway storm floods coastal towns, villages evacuated as rivers rise', 'Heavy rain flooded harbours and rivers burst their banks in western Norway.', 2)
    const clusters = new StoryClusters([...background, left, right])
    expect(clusters.storyOf('a')).not.toBe(clusters.storyOf('b'))
    clusters.set(bridge)
    expect(new Set(['a', 'b', 'c'].map((id) => clusters.storyOf(id))).size).toBe(1)
    clusters.delete('c')
    expect(clusters.storyOf('a')).not.toBe(clusters.storyOf('b'))
    expect(clusters.stories().has(clusters.storyOf('a')!)).toBe(true)
  })

  it('does not let a chain of weak links (A like B, B like C, A unlike C) make one story', () => {
    const a = card('a', 'Solar farm approved near Leeds after long planning fight', 'Councillors approved the solar farm.')
    const b = card('b', 'Solar farm approved near Leeds; wind turbine plan for Hull rejected', 'Two energy decisions in Yorkshire.', 2)
    const c = card('c', 'Wind turbine plan for Hull rejected by inspectors', 'The wind turbine plan was rejected.', 4)
    const clusters = new StoryClusters([...background, a, b, c])
    expect(clusters.storyOf('b')).toBe(clusters.storyOf('c'))
    expect(clusters.storyOf('a')).not.toBe(clusters.storyOf('c'))
  })

  it('keeps two stories apart when one card links to both', () => {
    const clusters = new StoryClusters([
      ...background,
      ...metaswitch,
      ...jedi,
      card('x', 'Microsoft buys Metaswitch as Pentagon reviews JEDI award', 'Microsoft news: the Metaswitch deal and the JEDI contract review.', 6)
    ])
    expect(clusters.storyOf('m1')).toBe(clusters.storyOf('m3'))
    expect(clusters.storyOf('j1')).toBe(clusters.storyOf('j2'))
    expect(clusters.storyOf('m1')).not.toBe(clusters.storyOf('j1'))
  })

  it('puts a repost under another file name (same headline, other URL) in the story of its original', () => {
    const clusters = new StoryClusters([...background, ...metaswitch, card('repost', metaswitch[0].title, metaswitch[0].excerpt, 30)])
    expect(clusters.storyOf('repost')).toBe(clusters.storyOf('m1'))
  })

  it('moves a card to another story when a rewrite changes its title, and names stories by their earliest card', () => {
    const clusters = new StoryClusters([...background, ...metaswitch, ...jedi])
    expect(clusters.storyOf('m3')).toBe('m1')
    clusters.set({ ...jedi[1], id: 'm3', publishedAtMs: metaswitch[2].publishedAtMs })
    expect(clusters.storyOf('m3')).toBe('j1')
    expect(clusters.membersOf('m1')).toEqual(['m1', 'm2'])
    expect(clusters.membersOf('j1')).toEqual(['j1', 'j2', 'm3'])
  })

  it('keeps the story a rewritten anchor takes its name to, when its old story splits', () => {
    const x = card('x', 'Norway storm floods coastal towns, villages evacuated as rivers rise', 'Heavy rain flooded harbours and rivers burst their banks in western Norway.')
    const w = card('w', 'Storm floods coastal towns in Norway', 'Heavy rain flooded fishing harbours overnight.', 2)
    const z = card('z', 'Norway evacuates villages as rivers rise', 'Rivers burst their banks in western Norway.', 4)
    const clusters = new StoryClusters([...background, x, w, z])
    expect(clusters.membersOf('x')).toEqual(['x', 'w', 'z'])
    clusters.set({ ...w, id: 'x', publishedAtMs: x.publishedAtMs })
    expect(clusters.storyOf('w')).toBe('x')
    expect(clusters.membersOf('x')).toEqual(['x', 'w'])
    expect(clusters.membersOf('z')).toEqual(['z'])
  })

  it('links the same news up to three days apart wherever the first card falls in the calendar, and never further', () => {
    // Every hour of a fortnight: candidates are found through buckets of days, so each day's place in its bucket is tried.
    for (let hour = 0; hour < 14 * 24; hour += 5) {
      const first = card('first', metaswitch[0].title, metaswitch[0].excerpt, hour)
      const within = card('within', metaswitch[1].title, metaswitch[1].excerpt, hour + 71.9)
      const beyond = card('beyond', metaswitch[1].title, metaswitch[1].excerpt, hour - 72.1)
      const clusters = new StoryClusters([...background, first, within, beyond])
      expect(clusters.storyOf('within'), `first card at hour ${hour}`).toBe(clusters.storyOf('first'))
      expect(clusters.storyOf('beyond'), `first card at hour ${hour}`).not.toBe(clusters.storyOf('first'))
    }
  })

  it('never links cards more than three days apart', () => {
    const clusters = new StoryClusters([...background, metaswitch[0], { ...metaswitch[1], publishedAtMs: T0 + 80 * HOUR }])
    expect(clusters.storyOf('m1')).not.toBe(clusters.storyOf('m2'))
  })
})
