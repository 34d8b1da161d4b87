// Clusters the folder's cards into stories off the UI thread: a first build of
// 100k cards takes seconds, and each later change touches only its own story.
import { StoryClusters } from '../../../../shared/stories'
import type { StoriesReply, StoriesRequest } from './worker-messages'

let clusters = new StoryClusters()

self.onmessage = (event: MessageEvent<StoriesRequest>) => {
  const started = performance.now()
  const { reset, set, remove } = event.data
  const removed = new Set<string>()
  const added = new Set<string>()
  const note = (change: { removed: string[]; added: string[] }): void => {
    change.removed.forEach((anchor) => removed.add(anchor))
    change.added.forEach((anchor) => added.add(anchor))
  }
  if (reset) {
    clusters = new StoryClusters(set)
    for (const anchor of clusters.stories().keys()) added.add(anchor)
  } else {
    for (const id of remove) note(clusters.delete(id))
    for (const card of set) note(clusters.set(card))
  }
  const reply: StoriesReply = {
    reset,
    removed: [...removed],
    added: [...added].filter((anchor) => clusters.stories().has(anchor)).map((anchor) => [anchor, [...clusters.membersOf(anchor)]]),
    ms: performance.now() - started
  }
  self.postMessage(reply)
}
