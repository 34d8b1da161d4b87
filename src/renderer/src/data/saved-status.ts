// The second phase of a sync in the status: how many of the cards it brought
// IndexedDB holds yet ("saved for offline N of M"). Counted from the start of
// the sync, including writes still queued from before it.
import type { BatchWriter } from './batch-writer'
import type { LibraryStore } from './library-store'

/** Every status change re-renders the bar: a few updates a second are enough to watch. */
const SAVED_STATUS_INTERVAL_MS = 250

export class SavedStatus {
  private base: { folder: string; saved: number } | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly writer: BatchWriter,
    private readonly store: LibraryStore,
    private readonly currentFolder: () => string | null
  ) {}

  /** A sync of `folder` starts: count from here. */
  begin(folder: string): void {
    this.base = { folder, saved: this.writer.cardCountsOf(folder).saved }
    this.store.updateStatus({ saved: { done: 0, total: 0 } })
  }

  /** Cards were received or saved: show it soon, or now. */
  changed(now = false): void {
    if (this.timer !== null) {
      if (!now) return
      clearTimeout(this.timer)
      this.timer = null
    }
    if (now) this.show()
    else this.timer = setTimeout(() => this.show(), SAVED_STATUS_INTERVAL_MS)
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.base = null
  }

  private show(): void {
    this.timer = null
    const base = this.base
    if (base === null || base.folder !== this.currentFolder()) return
    const counts = this.writer.cardCountsOf(base.folder)
    this.store.updateStatus({ saved: { done: counts.saved - base.saved, total: counts.received - base.saved } })
  }
}
