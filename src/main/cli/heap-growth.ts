// A long sync (serve) or scan allocates fast: every card is parsed, cloned across threads and serialised.
// Sized by V8's default, the old generation then grows to up to 4x what survived the last full collection
// before the next one comes (at 10k cards, `serve` held 80-120 MB of live objects in a 300-390 MB heap).
// A fixed growth of half the live size bounds the heap by what is alive, for a few more full collections
// (most of their marking runs on a helper thread).
import { setFlagsFromString } from 'node:v8'

const HEAP_GROWING_PERCENT = 50

/** Process-wide: applies to every isolate of the process from its next full collection on. */
export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
