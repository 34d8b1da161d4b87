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
  private readonly reporter: SavedUpToReporter

  constructor(
    private readonly writer: BatchWriter,
    private readonly store: LibraryStore,
    private readonly currentFolder: () => string | null,
    /** The host's savedUpTo call. */
    tellHost: (seq: number) => Promise<void> = async () => undefined
  ) {
    this.reporter = new SavedUpToReporter(tellHost)
  }

  /** A write of `folder` settled, saving every batch up to `seq`: the host hears of it, the bar shows it soon. */
  settled(folder: string, seq: number): void {
    this.reporter.saved(seq)
    if (folder === this.currentFolder()) this.changed()
  }

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

/**
 * Tells the host how far the page has saved (`savedUpTo`), so a sync sends no more than the page can save
 * soon. One call at a time: saves that settle meanwhile are told in the next call, as their newest seq.
 */
export class SavedUpToReporter {
  private newest = -Infinity
  private told = -Infinity
  private telling = false

  constructor(private readonly tell: (seq: number) => Promise<void>) {}

  saved(seq: number): void {
    if (seq > this.newest) this.newest = seq
    this.flush()
  }

  private flush(): void {
    if (this.telling || this.newest <= this.told) return
    const seq = this.newest
    this.telling = true
    // A host that missed one word takes the next: a failure only means the sync paces itself by the next call.
    void this.tell(seq)
      .catch(() => undefined)
      .finally(() => {
        this.told = seq
        this.telling = false
        this.flush()
      })
  }
}
