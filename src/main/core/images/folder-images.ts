// The tracked folder's images: which cards name which images, at what
// priority, which are starred, and the folder's cards saved across restarts.
import type { BatchImages } from './batch-images'
import type { CacheEntries } from './cache-entries'
import { PRIORITY, type PriorityClass } from './download-queue'
import type { Downloads } from './downloads'
import type { Eviction } from './eviction'
import type { ImageIndex } from './image-index'
import type { Notifier } from './notifier'
import { FolderTracking } from './tracking'
import { readTracking, trackingFileOf } from './tracking-file'
import type { TrackingSaver } from './tracking-saver'

/**
 * A first sync of 100k cards must not block the process for seconds: track() yields to the event
 * loop after this many cards, or sooner once a turn has taken TURN_MS (a loaded machine, cards
 * with many related items).
 */
const CARDS_PER_TURN = 1_000
const TURN_MS = 25

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export class FolderImages {
  private starred = new Set<string>()
  /** Closing: pending tracking work finishes without yielding, so the saved file is complete. */
  hurry = false

  constructor(
    private readonly entries: CacheEntries,
    private readonly downloads: Downloads,
    private readonly room: Eviction,
    private readonly notifier: Notifier,
    private readonly saver: TrackingSaver,
    private readonly cacheDir: string
  ) {}

  async track(folder: string, batch: BatchImages, removedIds: string[], index: ImageIndex): Promise<void> {
    const tracking = (): FolderTracking => this.entries.tracking
    if (folder !== tracking().folder) await this.switchFolder(folder, null)
    for (const id of removedIds) tracking().removeCard(id, (slot) => index.at(slot))
    let inTurn = 0
    let turnEnds = performance.now() + TURN_MS
    let next = 0
    for (let i = 0; i < batch.ids.length; i++) {
      if (++inTurn > CARDS_PER_TURN || (inTurn % 50 === 0 && performance.now() > turnEnds)) {
        if (!this.hurry) {
          this.changed()
          await nextTurn()
        }
        inTurn = 1
        turnEnds = performance.now() + TURN_MS
      }
      const own = batch.urls.slice(next, (next += batch.ownCounts[i]))
      const related = batch.urls.slice(next, (next += batch.relatedCounts[i]))
      this.trackCard(batch.ids[i], own, related, batch.publishedAtMs[i])
    }
    this.changed()
  }

  /** With `held` (the ids the renderer holds), saved cards it does not hold are forgotten. */
  async restore(folder: string, held: Set<string> | null, index: ImageIndex): Promise<void> {
    const tracking = this.entries.tracking
    if (folder !== tracking.folder) return this.switchFolder(folder, held)
    if (!held) return
    for (const [id] of tracking.cards()) if (!held.has(id)) tracking.removeCard(id, (slot) => index.at(slot))
    this.changed()
  }

  /** Remembers the starred cards now; their images are pinned when the index is ready (see pinStarred). */
  setStarred(ids: string[]): void {
    this.starred = new Set(ids)
  }

  pinStarred(index: ImageIndex): void {
    const tracking = this.entries.tracking
    const keep = new Set<number>()
    for (const [id, card] of tracking.cards()) if (this.starred.has(id)) for (const slot of card.slots) keep.add(slot)
    for (const [, card] of tracking.cards()) {
      for (const slot of card.slots) {
        const entry = index.at(slot)
        if (!entry || entry.pinned === keep.has(slot)) continue
        entry.pinned = keep.has(slot)
        index.changed(entry)
        if (entry.pinned && entry.state === 'evicted') this.downloads.enqueue(entry, PRIORITY.own, 0)
      }
    }
    this.downloads.schedulePump()
  }

  /** After the tracked cards changed: tell the listeners, download what is now needed, save the cards. */
  private changed(): void {
    this.notifier.statusMayHaveChanged()
    this.downloads.schedulePump()
    this.saver.changed()
  }

  private trackCard(id: string, own: string[], related: string[], publishedAtMs: number): void {
    const order = -publishedAtMs
    const pinned = this.starred.has(id)
    // Sized exactly: 100k cards' arrays grown by push or spread would carry their spare capacity for good.
    const slots = new Array<number>(own.length + related.length)
    own.forEach((url, i) => (slots[i] = this.refUrl(url, PRIORITY.own, order, pinned)))
    related.forEach((url, i) => (slots[own.length + i] = this.refUrl(url, PRIORITY.related, order, pinned)))
    this.entries.tracking.setCard(id, { slots, ownCount: own.length, publishedAtMs }, (slot) => this.entries.index!.at(slot))
  }

  /**
   * Tracks `folder` from now on, starting from the cards saved for it; with `held`, only those the
   * renderer holds. The last folder's cards are saved first.
   */
  private async switchFolder(folder: string, held: Set<string> | null): Promise<void> {
    await this.saver.flush()
    // The counts on the index's entries are the tracking's own: one tracking at a time.
    this.entries.index!.store.clearRefs()
    this.entries.tracking = new FolderTracking(folder)
    this.room.backgroundBlocked = false
    let complete = true
    try {
      let count = 0
      await readTracking(trackingFileOf(this.cacheDir, folder), folder, (card) => {
        if (held && !held.has(card.id)) complete = false
        else this.trackCard(card.id, card.own, card.related, card.publishedAtMs)
        if (++count % CARDS_PER_TURN === 0) this.changed()
      }, (id) => this.entries.tracking.removeCard(id, (slot) => this.entries.index!.at(slot)))
    } catch {
      // Unreadable: what was read stands, and the file is written afresh.
      complete = false
    }
    this.saver.follow(this.entries.tracking, complete)
    this.changed()
  }

  private refUrl(url: string, priority: PriorityClass, order: number, pinned: boolean): number {
    const entries = this.entries
    const entry = entries.entryFor(url)
    const firstTime = entries.tracking.ref(entry, priority, order)
    if (pinned && !entry.pinned) {
      entry.pinned = true
      entries.index!.changed(entry)
    }
    const retryDue = entry.state === 'failed' && (entry.retryAt ?? 0) <= Date.now()
    if (retryDue) this.downloads.requeueDue(entry, priority, order)
    // A failure of an earlier session (restored from the index) is retried when due, like one of this session.
    else if (entry.state === 'failed' && firstTime) entries.retryWhenDue(entry)
    else if (entry.state === 'pending' || (entry.state === 'evicted' && (firstTime || pinned))) this.downloads.enqueue(entry, priority, order, url)
    return entry.slot
  }
}
