// What the page and the stories worker say to each other.
import type { StoryInput } from '../../../../shared/stories'

export interface StoriesRequest {
  /** Starts over with these cards (a new folder), else applies the changes. */
  reset: boolean
  set: StoryInput[]
  remove: string[]
}

export interface StoriesReply {
  reset: boolean
  /** Anchors of stories that changed or went. */
  removed: string[]
  /** Stories that changed or appeared: anchor and card ids. */
  added: [string, string[]][]
  /** Time spent clustering in the worker. */
  ms: number
}
