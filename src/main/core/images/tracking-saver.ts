import { DelayedWriter } from './delayed-writer'
import type { FolderTracking } from './tracking'
import { folderKey, trackingFileOf, writeTracking } from './tracking-file'

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
  private readonly writer = new DelayedWriter(
    () => this.write(),
    () => Math.max(this.options.delayMs, 10 * this.lastWriteMs)
  )

  constructor(private readonly options: TrackingSaverOptions) {}

  /** Saves this tracking from now on; `saved` when its file already holds every card. */
  follow(tracking: FolderTracking, saved: boolean): void {
    this.writer.cancel()
    this.tracking = tracking
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
    try {
      await writeTracking(trackingFileOf(cacheDir, tracking.folder), tempPathFor(folderKey(tracking.folder)), tracking.folder, tracking.cards(), urlOf)
      if (this.tracking === tracking) this.savedRevision = revision
    } catch {
      // Disk full or gone: the cards stay in memory, and the write is tried again after the delay.
    }
    this.lastWriteMs = performance.now() - started
    // Cards that changed while the file was written make another write due.
    if (this.tracking === tracking) this.changed()
  }
}
