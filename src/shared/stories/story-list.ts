// Every story of a set of cards, summarised and biggest first: what the CLI
// prints and what the reader's Stories list starts from.
import { StoryClusters, type StoryInput } from './story-clusters'
import { compareStories, summarizeStory, type StoryCardFacts, type StorySummary } from './story-summary'

export type StoryCard = StoryInput & StoryCardFacts

export function summariesOf<C extends StoryCard>(clusters: StoryClusters, cardById: ReadonlyMap<string, C>): StorySummary<C>[] {
  const summaries: StorySummary<C>[] = []
  for (const [anchor, ids] of clusters.stories()) summaries.push(summarizeStory(anchor, ids.map((id) => cardById.get(id)!)))
  return summaries.sort(compareStories)
}

export function listStories<C extends StoryCard>(cards: readonly C[]): StorySummary<C>[] {
  const cardById = new Map(cards.map((card) => [card.id, card]))
  return summariesOf(new StoryClusters(cardById.values()), cardById)
}
