// What the list and the CLI say about one story, from its cards' light facts.

export interface StoryCardFacts {
  id: string
  publishedAtMs: number | null
  providerDomain: string
  quality: number | null
  type: string
}

export interface StorySummary<C extends StoryCardFacts = StoryCardFacts> {
  /** Short, stable name for search (`story:` terms): a hash of the anchor card's id. */
  id: string
  /** The story's earliest card id (see StoryClusters). */
  anchor: string
  lead: C
  /** Newest first. */
  cards: C[]
  /** Distinct provider domains among the cards. */
  outlets: number
  firstAtMs: number | null
  latestAtMs: number | null
}

/** FNV-1a, 32 bits, as 8 hex digits: short enough to type in a search. */
export function storyIdOf(anchor: string): string {
  return storyHashOf(anchor).toString(16).padStart(8, '0')
}

/** The number `storyIdOf` writes out: ids compare as these numbers do (padded lowercase hex). */
export function storyHashOf(anchor: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < anchor.length; i++) {
    hash ^= anchor.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

const newestFirst = (a: StoryCardFacts, b: StoryCardFacts): number =>
  (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The lead: the highest quality, the newest when quality ties. */
export function leadOf<C extends StoryCardFacts>(cards: readonly C[]): C {
  return [...cards].sort((a, b) => (b.quality ?? -1) - (a.quality ?? -1) || newestFirst(a, b))[0]
}

export function summarizeStory<C extends StoryCardFacts>(anchor: string, cards: readonly C[]): StorySummary<C> {
  const times = cards.map((card) => card.publishedAtMs).filter((time): time is number => time !== null)
  return {
    id: storyIdOf(anchor),
    anchor,
    lead: leadOf(cards),
    cards: [...cards].sort(newestFirst),
    outlets: new Set(cards.map((card) => card.providerDomain.toLowerCase()).filter((domain) => domain !== '')).size,
    firstAtMs: times.length === 0 ? null : Math.min(...times),
    latestAtMs: times.length === 0 ? null : Math.max(...times)
  }
}

/** Biggest first (by cards, then outlets), then the latest coverage first. */
export function compareStories(a: StorySummary, b: StorySummary): number {
  return b.cards.length - a.cards.length || b.outlets - a.outlets || (b.latestAtMs ?? -Infinity) - (a.latestAtMs ?? -Infinity) || (a.id < b.id ? -1 : 1)
}
