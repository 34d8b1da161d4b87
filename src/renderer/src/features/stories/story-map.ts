// The page's copy of the worker's stories: card to story and story to cards.
import type { StoriesReply } from './worker-messages'

export class StoryMap {
  readonly storyOfCard = new Map<string, string>()
  readonly cardsOfStory = new Map<string, readonly string[]>()

  apply(reply: StoriesReply): void {
    if (reply.reset) {
      this.storyOfCard.clear()
      this.cardsOfStory.clear()
    }
    for (const anchor of reply.removed) {
      for (const id of this.cardsOfStory.get(anchor) ?? []) if (this.storyOfCard.get(id) === anchor) this.storyOfCard.delete(id)
      this.cardsOfStory.delete(anchor)
    }
    for (const [anchor, ids] of reply.added) {
      this.cardsOfStory.set(anchor, ids)
      for (const id of ids) this.storyOfCard.set(id, anchor)
    }
  }
}
