// What the status bar shows, throttled. A sync bumps the counts ("Indexed N of M", "Saved for offline N of M",
// cards, unread, images) on every batch and every write, and each bump redrew the bar: React's work on the
// page's thread, which a fresh sync shares with IndexedDB's structured clones. The counts now redraw at most
// every STATUS_COUNTS_INTERVAL_MS; anything else (a phase, an error, the folder) shows at once. Only the bar
// is throttled: the store's status stays immediate for everything else that reads it.
import type { LibraryStore } from '../../data/library-store'
import type { LibraryStatus } from '../../data/types'

/** How often, at most, the bar's counts redraw while they change. */
export const STATUS_COUNTS_INTERVAL_MS = 500

export interface StatusBarView {
  status: LibraryStatus
  unread: number
}

/** Fields that are counts: a change to these alone may wait for the next redraw. */
const COUNT_KEYS: ReadonlySet<keyof LibraryStatus> = new Set(['progress', 'saved', 'cardCount', 'imageStatus'])

/** True when `next` differs from `shown` in something other than its counts (a phase, an error, the folder...). */
function changesMoreThanCounts(shown: LibraryStatus, next: LibraryStatus): boolean {
  for (const key of Object.keys(next) as (keyof LibraryStatus)[]) {
    if (!COUNT_KEYS.has(key) && shown[key] !== next[key]) return true
  }
  // Images appearing or going is not a count: it adds or drops a part of the bar.
  return (shown.imageStatus === null) !== (next.imageStatus === null)
}

/** The store's status and unread count as the status bar shows them: the same object until a redraw is due. */
export class StatusBarFeed {
  private shown: StatusBarView
  private readonly listeners = new Set<() => void>()
  private unsubscribeStore: (() => void) | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastShownAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly store: LibraryStore,
    private readonly intervalMs = STATUS_COUNTS_INTERVAL_MS
  ) {
    this.shown = this.current()
  }

  readonly getSnapshot = (): StatusBarView => {
    // Unwatched, nothing is due to wait for: the first draw shows the store as it is.
    if (this.unsubscribeStore === null) {
      const next = this.current()
      if (next.status !== this.shown.status || next.unread !== this.shown.unread) this.shown = next
    }
    return this.shown
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    if (this.unsubscribeStore === null) {
      const offs = [this.store.subscribeStatus(this.onChange), this.store.subscribeRows(this.onChange), this.store.subscribeStates(this.onChange)]
      this.unsubscribeStore = () => offs.forEach((off) => off())
      // Whatever changed while nobody listened shows now.
      this.show()
    }
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size > 0 || this.unsubscribeStore === null) return
      this.unsubscribeStore()
      this.unsubscribeStore = null
      this.clearTimer()
    }
  }

  private current(): StatusBarView {
    return { status: this.store.getStatus(), unread: this.store.unreadCount() }
  }

  private readonly onChange = (): void => {
    const next = this.current()
    if (next.status === this.shown.status && next.unread === this.shown.unread) return
    if (changesMoreThanCounts(this.shown.status, next.status)) return this.show()
    if (this.timer !== null) return
    const wait = this.lastShownAt + this.intervalMs - performance.now()
    if (wait <= 0) return this.show()
    this.timer = setTimeout(() => this.show(), wait)
  }

  private show(): void {
    this.clearTimer()
    const next = this.current()
    if (next.status === this.shown.status && next.unread === this.shown.unread) return
    this.shown = next
    this.lastShownAt = performance.now()
    for (const listener of [...this.listeners]) listener()
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }
}

const feeds = new WeakMap<LibraryStore, StatusBarFeed>()

/** The store's one feed, shared by every status bar reading it. */
export function statusBarFeedOf(store: LibraryStore): StatusBarFeed {
  let feed = feeds.get(store)
  if (!feed) feeds.set(store, (feed = new StatusBarFeed(store)))
  return feed
}
