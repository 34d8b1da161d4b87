// The cache's shared state: the index, the tracked folder, the bytes in use,
// and every change of an entry's state, which keeps the index, the folder's
// counts and the listeners in step. The jobs (downloads, eviction, tracking)
// all act through it.
import { rm } from 'node:fs/promises'
import type { ImageResolution } from '../../../shared/contract'
import type { CacheStore } from './cache-store'
import { hashBytesOfUrl } from './hash'
import type { EntryFields, ImageEntry, ImageIndex } from './image-index'
import type { Notifier } from './notifier'
import type { FailureReason } from './retry-policy'
import { sniffFile } from './sniff'
import { FolderTracking, reportedState } from './tracking'
import { hostOf } from './url-host'

export interface CacheEntriesOptions {
  store: CacheStore
  notifier: Notifier
  /** The URL the renderer loads a cached image from. */
  srcFor: (hash: string) => string
  /** When a URL that can never be fetched is looked at again. */
  permanentRetryMs: number
  /** Try this failed image (by its slot) again at this time. */
  retryAt: (slot: number, at: number) => void
}

export class CacheEntries {
  /** Set once the index is loaded; every job waits for that before it acts. */
  index: ImageIndex | null = null
  tracking = new FolderTracking()
  usedBytes = 0
  closed = false
  /** Images asked for through resolve and not settled yet. */
  readonly requested = new Set<string>()
  readonly removals = new Map<string, Promise<void>>()
  /**
   * Files found in the cache folder at start-up that the index did not know as cached, until they
   * are adopted: a download looks here instead of asking the disk before every attempt.
   */
  unadopted = new Set<string>()

  constructor(private readonly options: CacheEntriesOptions) {}

  entryFor(url: string): ImageEntry {
    const index = this.index!
    const hash = hashBytesOfUrl(url)
    const slot = index.store.find(hash)
    if (slot >= 0) {
      const known = index.at(slot)!
      if (!index.store.hasUrl(slot)) index.nameUrl(known, url)
      return known
    }
    // Stored as UTF-8 in the index's arena: never a slice of a card's file kept alive.
    const entry = index.add(hash, url, 'pending')
    index.changed(entry)
    // Decided at once: no request is ever made for these.
    if (!hostOf(url)) this.setFailed(entry, 'unsupported-url', 'not an http(s) URL', Date.now() + this.options.permanentRetryMs)
    return entry
  }

  /** Changes an entry's state, keeping the index, the folder counts and the listeners in step. */
  setState(entry: ImageEntry, state: ImageEntry['state'], fields: EntryFields = {}): void {
    const before = reportedState(entry)
    // Field by field rather than Object.assign through the entry's accessors: called for every image of
    // a sync (~180k at 10k cards offline), where the three assigns cost ~0.5 s of CPU.
    if ('mime' in fields) entry.mime = fields.mime
    if ('size' in fields) entry.size = fields.size
    if ('lastUsed' in fields) entry.lastUsed = fields.lastUsed
    if ('reason' in fields) entry.reason = fields.reason
    if ('detail' in fields) entry.detail = fields.detail
    if ('retryAt' in fields) entry.retryAt = fields.retryAt
    if (fields.attempts !== undefined) entry.attempts = fields.attempts
    entry.state = state
    if (state !== 'cached') {
      entry.mime = undefined
      entry.size = undefined
    }
    if (state !== 'failed') {
      entry.reason = undefined
      entry.detail = undefined
      entry.retryAt = undefined
    }
    this.index!.changed(entry)
    const after = reportedState(entry)
    if (before !== after) {
      this.tracking.moved(entry, before, after)
      this.options.notifier.statusMayHaveChanged()
    }
  }

  setCached(entry: ImageEntry, mime: string, size: number): void {
    if (entry.state === 'cached') return
    this.setState(entry, 'cached', { mime, size, lastUsed: Date.now(), attempts: 0 })
    this.usedBytes += size
    this.requested.delete(entry.hash)
    this.emitReady(entry)
  }

  /** `timed`: false when the caller schedules the retry itself (a host that is down retries its images together). */
  setFailed(entry: ImageEntry, reason: FailureReason, detail: string, retryAt: number, timed = true): void {
    this.setState(entry, 'failed', { reason, detail, retryAt })
    // Only a page that asked for an image waits to hear it failed (the status carries the counts).
    // Offline, a 10k sync fails ~180k images nobody asked for: announcing each one cost the host the
    // URL read back from the index's scratch file and the event's JSON, and the page the parsing.
    if (this.requested.size > 0 && this.requested.delete(entry.hash)) this.emitReady(entry)
    if (timed) this.retryWhenDue(entry)
  }

  retryWhenDue(entry: ImageEntry): void {
    // Retries due within a day are made in this session; later ones when the folder is next tracked.
    const retryAt = entry.retryAt ?? 0
    if (retryAt - Date.now() < 24 * 60 * 60 * 1000) this.options.retryAt(entry.slot, retryAt)
  }

  /** The index says cached but the file is gone or altered. */
  forgetFile(entry: ImageEntry): void {
    this.usedBytes -= entry.size ?? 0
    this.setState(entry, 'pending')
    this.removeFile(entry.hash)
  }

  removeFile(hash: string): void {
    const removal = this.options.store
      .remove(hash)
      .catch(() => undefined)
      .finally(() => {
        if (this.removals.get(hash) === removal) this.removals.delete(hash)
      })
    this.removals.set(hash, removal)
  }

  /** Takes in a file found in the cache folder that the index does not know as cached. */
  async adoptFile(hash: string): Promise<ImageEntry | null> {
    this.unadopted.delete(hash)
    const path = this.options.store.pathOf(hash)
    const mime = await sniffFile(path).catch(() => null)
    const size = await this.options.store.sizeOf(hash)
    const index = this.index!
    const current = index.get(hash)
    if (current?.state === 'cached') return current
    if (!mime || size === null) {
      await rm(path, { force: true }).catch(() => undefined)
      return null
    }
    const entry = current ?? index.add(hash, '', 'pending')
    this.setCached(entry, mime, size)
    return entry
  }

  isTrackedOrAsked(entry: ImageEntry): boolean {
    return this.tracking.has(entry) || this.requested.has(entry.hash)
  }

  resolutionOf(entry: ImageEntry): ImageResolution {
    const state = reportedState(entry)
    if (state === 'cached') return { url: entry.url, state, src: this.options.srcFor(entry.hash) }
    if (state === 'failed') return { url: entry.url, state, src: null, reason: entry.reason }
    return { url: entry.url, state, src: null }
  }

  emitReady(entry: ImageEntry): void {
    if (!entry.url) return
    this.options.notifier.ready(entry.hash, this.resolutionOf(entry))
  }
}
