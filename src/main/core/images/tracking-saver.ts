import { DelayedWriter } from './delayed-writer'
import type { FolderTracking } from './tracking'
import { appendTracking, folderKey, trackingFileOf, writeTracking } from './tracking-file'

export interface TrackingSaverOptions {
  cacheDir: string
  /** How soon after a change the folder's file is rewritten, at the least. */
  delayMs: number
  urlOf: (slot: number) => string | undefined
  /** A temp file name for a folder key (the cache's temp folder, cleaned after a crash). */
  tempPathFor: (key: string) => string
}

/**
 * Keeps the tracked folder's file in step with its cards: rewritten a while after they change,
 * one write at a time. A big folder's rewrite waits longer (ten times the last write took), so a
 * sync of 100k cards arriving in batches rewrites the file a few times, not once per batch.
 */
export class TrackingSaver {
  private tracking: FolderTracking | null = null
  private savedRevision = 0
  private lastWriteMs = 0
  /** The file was rewritten whole for this tracking (and no write failed since): changes may be appended. */
  private canAppend = false
  /** URL lines in the file, and card lines appended since it was rewritten whole. */
  private urlLines = 0
  private appendedLines = 0
  private readonly writer = new DelayedWriter(
    () => this.write(),
    () => Math.max(this.options.delayMs, 10 * this.lastWriteMs)
  )

  constructor(private readonly options: TrackingSaverOptions) {}

  /** Saves this tracking from now on; `saved` when its file already holds every card. */
  follow(tracking: FolderTracking, saved: boolean): void {
    this.writer.cancel()
    this.tracking = tracking
    // Rewritten whole first: a file read at start-up may end in a line torn by a crash.
    this.canAppend = false
    tracking.takeChanged()
    this.savedRevision = saved ? tracking.revision : -1
    this.changed()
  }

  changed(): void {
    const tracking = this.tracking
    if (!tracking?.folder || tracking.revision === this.savedRevision) return
    this.writer.schedule()
  }

  /** Writes now whatever is not on disk yet. Never rejects: a failed write is tried again on the next change. */
  flush(): Promise<void> {
    return this.writer.flush()
  }

  close(): Promise<void> {
    return this.writer.close()
  }

  private async write(): Promise<void> {
    const tracking = this.tracking
    if (!tracking?.folder || tracking.revision === this.savedRevision) return
    const revision = tracking.revision
    const started = performance.now()
    const { cacheDir, urlOf, tempPathFor } = this.options
    const path = trackingFileOf(cacheDir, tracking.folder)
    // Taken before the first await: cards changed while this write runs are appended by the next one.
    const changed = tracking.takeChanged()
    try {
      if (this.canAppend && this.appendedLines + changed.size <= 2 * tracking.cardCount + 1_000) {
        this.urlLines = await appendTracking(path, tracking.cardsOf(changed), urlOf, this.urlLines)
        this.appendedLines += changed.size
      } else {
        this.canAppend = false
        this.urlLines = await writeTracking(path, tempPathFor(folderKey(tracking.folder)), tracking.folder, tracking.cards(), urlOf)
        this.appendedLines = 0
        this.canAppend = true
      }
      if (this.tracking === tracking) this.savedRevision = revision
    } catch {
      // Disk full or gone: the cards stay in memory, and the file is rewritten whole after the delay.
      this.canAppend = false
    }
    this.lastWriteMs = performance.now() - started
    // Cards that changed while the file was written make another write due.
    if (this.tracking === tracking) this.changed()
  }
}
