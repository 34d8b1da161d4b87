// The page's copy of the worker's stories: card to story and story to cards,
// each story numbered (a number freed by a story that went is given again) so
// StoryTable can keep typed arrays by story.
import type { StoriesReply } from './worker-messages'

export interface MappedStory {
  anchor: string
  /** Oldest first, as the worker lists them. */
  ids: readonly string[]
  /** The first and latest times of its cards, as the worker last saw them. */
  firstAtMs: number | null
  latestAtMs: number | null
  /** Its number while it is in the map. */
  number: number
}

/** One reply's changes (a changed story is in both), kept so StoryTable can catch up without going over every story. */
export interface MapChange {
  removed: readonly MappedStory[]
  added: readonly MappedStory[]
}

/** Past this many replies not caught up with, the log starts over (a new generation: a reader rebuilds). */
const MAX_LOGGED = 1000

export class StoryMap {
  /** A card's story, anchor and cards in one lookup. */
  readonly storyOfCard = new Map<string, MappedStory>()
  readonly storyOfAnchor = new Map<string, MappedStory>()
  /** The stories by number (undefined: a free number). */
  readonly byNumber: (MappedStory | undefined)[] = []
  /** Bumped when every story was replaced (a reset reply) or the log started over. */
  generation = 0
  /** The changes of this generation, oldest first. */
  readonly log: MapChange[] = []
  private readonly free: number[] = []

  apply(reply: StoriesReply): void {
    if (reply.reset) {
      this.storyOfCard.clear()
      this.storyOfAnchor.clear()
      this.byNumber.length = 0
      this.free.length = 0
    }
    const removed: MappedStory[] = []
    for (const anchor of reply.removed) this.drop(anchor, removed)
    const added: MappedStory[] = []
    for (const [anchor, ids, firstAtMs, latestAtMs] of reply.added) {
      this.drop(anchor, removed)
      const story: MappedStory = { anchor, ids, firstAtMs, latestAtMs, number: this.free.pop() ?? this.byNumber.length }
      this.byNumber[story.number] = story
      added.push(story)
      this.storyOfAnchor.set(anchor, story)
      for (const id of ids) this.storyOfCard.set(id, story)
    }
    if (reply.reset || this.log.length >= MAX_LOGGED) {
      this.generation++
      this.log.length = 0
    } else this.log.push({ removed, added })
  }

  private drop(anchor: string, into: MappedStory[]): void {
    const story = this.storyOfAnchor.get(anchor)
    if (story === undefined) return
    for (const id of story.ids) if (this.storyOfCard.get(id) === story) this.storyOfCard.delete(id)
    this.storyOfAnchor.delete(anchor)
    this.byNumber[story.number] = undefined
    this.free.push(story.number)
    into.push(story)
  }
}
