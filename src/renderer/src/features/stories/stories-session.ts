// The stories worker's state, apart from the worker so a test can drive it the
// way the page does: a first batch of cards, changes as the sync streams in,
// then "settle" when the sync has ended.
import { StoryClusters, type StoryInput } from '../../../../shared/stories'
import type { AddedStory, StoriesReply, StoriesRequest } from './worker-messages'

export class StoriesSession {
  private clusters = new StoryClusters()
  private readonly inputs = new Map<string, StoryInput>()
  /**
   * Whether a card was added, rewritten or removed since the last clustering
   * from scratch. Such a change is weighed by the old IDF snapshot (so it stays
   * local), which can group cards differently from `tidings stories`.
   */
  private changedSinceBuild = false

  handle(request: StoriesRequest): StoriesReply {
    const started = performance.now()
    const removed = new Set<string>()
    const added = new Set<string>()
    const note = (change: { removed: string[]; added: string[] }): void => {
      change.removed.forEach((anchor) => removed.add(anchor))
      change.added.forEach((anchor) => added.add(anchor))
    }
    let reset = request.reset
    if (reset) {
      this.inputs.clear()
      this.rebuild(request.set)
    } else {
      for (const id of request.remove) {
        this.inputs.delete(id)
        note(this.clusters.delete(id))
      }
      for (const card of request.set) {
        this.inputs.set(card.id, card)
        note(this.clusters.set(card))
      }
      if (request.remove.length > 0 || request.set.length > 0) this.changedSinceBuild = true
    }
    if (request.settle && this.changedSinceBuild) {
      reset = true
      this.rebuild([...this.inputs.values()])
    }
    return {
      reset,
      removed: reset ? [] : [...removed],
      added: (reset ? [...this.clusters.stories().keys()] : [...added].filter((anchor) => this.clusters.stories().has(anchor))).map((anchor) => this.addedStory(anchor)),
      ms: performance.now() - started
    }
  }

  private addedStory(anchor: string): AddedStory {
    const ids = [...this.clusters.membersOf(anchor)]
    let first: number | null = null
    let latest: number | null = null
    for (const id of ids) {
      const time = this.inputs.get(id)?.publishedAtMs ?? null
      if (time === null) continue
      if (first === null || time < first) first = time
      if (latest === null || time > latest) latest = time
    }
    return [anchor, ids, first, latest]
  }

  private rebuild(cards: StoryInput[]): void {
    for (const card of cards) this.inputs.set(card.id, card)
    this.clusters = new StoryClusters(cards)
    this.changedSinceBuild = false
  }
}
