// What the page and the stories worker say to each other.
import type { StoryInput } from '../../../../shared/stories'

export interface StoriesRequest {
  /** Starts over with these cards (a new folder), else applies the changes. */
  reset: boolean
  set: StoryInput[]
  remove: string[]
  /**
   * The folder's sync has ended: every card is here. Cards that arrived one
   * batch at a time were weighed by an IDF snapshot of part of the folder, so
   * the worker clusters them again from scratch, as `tidings stories` does.
   */
  settle?: boolean
}

export interface StoriesReply {
  /** True when the reply holds every story (a new folder, or a settled one clustered again). */
  reset: boolean
  /** Anchors of stories that changed or went. */
  removed: string[]
  /** Stories that changed or appeared: anchor, card ids (oldest first), and the first and latest card times. */
  added: AddedStory[]
  /** Time spent clustering in the worker. */
  ms: number
}

/** The times let the page sort stories without looking up their cards (see story-rows.ts). */
export type AddedStory = [anchor: string, ids: string[], firstAtMs: number | null, latestAtMs: number | null]
