// The reader's first render waits, briefly, for something to show: rendering the empty reader costs
// about as much as rendering it with rows (the whole tree mounts), and the rows' render would queue
// behind it. It waits for the first rows, a settled status (no folder, ready, an error) or `maxWaitMs`.
import type { LibraryStore } from './data/library-store'

const SETTLED = new Set(['no-folder', 'ready'])

export function whenWorthRendering(store: LibraryStore, maxWaitMs = 500): Promise<void> {
  const worth = (): boolean => store.getRowsSnapshot().rows.size > 0 || SETTLED.has(store.getStatus().phase) || store.getStatus().lastError !== null
  if (worth()) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      stopRows()
      stopStatus()
      clearTimeout(timer)
      resolve()
    }
    const check = (): void => void (worth() && done())
    const stopRows = store.subscribeRows(check)
    const stopStatus = store.subscribeStatus(check)
    const timer = setTimeout(done, maxWaitMs)
  })
}
