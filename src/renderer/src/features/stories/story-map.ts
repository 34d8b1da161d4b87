// The page's copy of the worker's stories: card to story and story to cards.
import type { StoriesReply } from './worker-messages'

export interface MappedStory {
  anchor: string
  /** Oldest first, as the worker lists them. */
  ids: readonly string[]
  /** The first and latest times of its cards, as the worker last saw them. */
  firstAtMs: number | null
  latestAtMs: number | null
}

export class StoryMap {
  /** A card's story, anchor and cards in one lookup: the Stories list makes one per card in view. */
  readonly storyOfCard = new Map<string, MappedStory>()
  readonly storyOfAnchor = new Map<string, MappedStory>()

  apply(reply: StoriesReply): void {
    if (reply.reset) {
      this.storyOfCard.clear()
      this.storyOfAnchor.clear()
    }
    for (const anchor of reply.removed) {
      for (const id of this.storyOfAnchor.get(anchor)?.ids ?? []) if (this.storyOfCard.get(id)?.anchor === anchor) this.storyOfCard.delete(id)
      this.storyOfAnchor.delete(anchor)
    }
    for (const [anchor, ids, firstAtMs, latestAtMs] of reply.added) {
      const story: MappedStory = { anchor, ids, firstAtMs, latestAtMs }
      this.storyOfAnchor.set(anchor, story)
      for (const id of ids) this.storyOfCard.set(id, story)
    }
  }
}
