import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run as runStories } from '../src/main/cli/stories-command'
import type { CliIo } from '../src/main/cli/io'
import { scanFolder } from '../src/main/core/scan/scan'
import type { Card } from '../src/shared/card'
import { storyIdOf } from '../src/shared/stories'
import { StoriesSession } from '../src/renderer/src/features/stories/stories-session'
import { StoryMap } from '../src/renderer/src/features/stories/story-map'

// The Stories list and `tidings stories` must name the same stories (issue 15).
// The page gets a folder's cards a batch at a time while the sync streams; this
// drives the worker's session the same way and compares with the command's JSON.
const RELATED_HEAVY = join(__dirname, '..', '..', 'shared', 'cards', 'related-heavy')

interface Story {
  id: string
  cards: string[]
}

const keyOf = (story: Story): string => `${story.id}: ${[...story.cards].sort().join(' | ')}`

async function commandStories(folder: string): Promise<Story[]> {
  let out = ''
  const io: CliIo = { out: (text) => void (out += text), err: () => undefined, interactive: false }
  expect(await runStories([folder, '--json'], io)).toBe(0)
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string } & Story)
    .filter((line) => line.type === 'story')
    .map(({ id, cards }) => ({ id, cards }))
}

/** What the page's Stories list holds after the sync: first `firstBatch` cards, the rest in batches of 40, then the sync's end. */
function pageStories(cards: readonly Card[], firstBatch: number): Story[] {
  const session = new StoriesSession()
  const map = new StoryMap()
  const inputOf = (card: Card) => ({ id: card.id, title: card.title, excerpt: card.excerpt, publishedAtMs: card.publishedAtMs })
  map.apply(session.handle({ reset: true, set: cards.slice(0, firstBatch).map(inputOf), remove: [] }))
  for (let at = firstBatch; at < cards.length; at += 40) map.apply(session.handle({ reset: false, set: cards.slice(at, at + 40).map(inputOf), remove: [] }))
  map.apply(session.handle({ reset: false, set: [], remove: [], settle: true }))
  const pathsOf = new Map(cards.map((card) => [card.id, [card.path, ...card.aliases]]))
  return [...map.storyOfAnchor.values()].map(({ anchor, ids }) => ({ id: storyIdOf(anchor), cards: ids.flatMap((id) => pathsOf.get(id)!) }))
}

describe('the Stories list agrees with `tidings stories` on related-heavy', () => {
  it.each([0, 25, 100, 300])('after a sync whose first batch held %i cards', async (firstBatch) => {
    const [expected, scanned] = await Promise.all([commandStories(RELATED_HEAVY), scanFolder(RELATED_HEAVY)])
    // Newest first, as the scan sends them.
    const cards = [...scanned.cards].sort((a, b) => (b.publishedAtMs ?? 0) - (a.publishedAtMs ?? 0))
    const page = pageStories(cards, Math.min(firstBatch, cards.length))
    expect(expected.filter((story) => story.cards.length > 1).length, 'the folder has stories of several cards').toBeGreaterThan(0)
    expect(page.length).toBe(expected.length)
    const several = (stories: Story[]) => stories.filter((story) => story.cards.length > 1).map(keyOf).sort()
    expect(several(page)).toEqual(several(expected))
  }, 60_000)
})
