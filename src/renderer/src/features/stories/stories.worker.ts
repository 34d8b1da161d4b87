// Clusters the folder's cards into stories off the UI thread: a first build of
// 100k cards takes seconds, and each later change touches only its own story.
import { StoriesSession } from './stories-session'
import type { StoriesRequest } from './worker-messages'

const session = new StoriesSession()

self.onmessage = (event: MessageEvent<StoriesRequest>) => {
  self.postMessage(session.handle(event.data))
}
