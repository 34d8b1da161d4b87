import { rm } from 'node:fs/promises'
import type { Card } from '../../../shared/card'
import type { ImageCacheStatus, ImageResolution, ManifestEntry } from '../../../shared/contract'
import { CacheStore } from './cache-store'
import { imageUrlsOfCard } from './card-images'
import { DownloadQueue, PRIORITY, ranksBefore, type PriorityClass, type QueueItem } from './download-queue'
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUTS, fetchImage, type DownloadTimeouts, type FetchOutcome } from './fetch-image'
import { hashOfUrl, isCacheHash } from './hash'
import { DEFAULT_HOST_HEALTH, HostHealth, type HostHealthPolicy } from './host-health'
import { ImageIndex, newEntry, type ImageEntry } from './image-index'
import { backoffMs, DEFAULT_RETRY_POLICY, type FailureReason, type RetryPolicy } from './retry-policy'
import { RetryTimer } from './retry-timer'
import { sniffFile } from './sniff'
import { intern, ownCopy } from './strings'
import { FolderTracking, reportedState } from './tracking'
import { readTracking, trackingFileOf } from './tracking-file'
import { TrackingSaver } from './tracking-saver'

export { hashOfUrl } from './hash'
export { imageUrlsOfCard } from './card-images'

export const DEFAULT_LIMIT_BYTES = 2 * 1024 ** 3

export interface ImageServiceOptions {
  /** The cache folder (see imageCacheDir in core/data-dir.ts); created when missing. */
  cacheDir: string
  /** The URL the renderer loads a cached image from, e.g. `tidings-image://img/<hash>` or the host's `/image/<hash>?token=...`. */
  srcFor: (hash: string) => string
  /** Size cap of the cache; least recently used images of unstarred cards go first. Default 2 GB. */
  limitBytes?: number
  /** Downloads at once, in all. Default 8. */
  concurrency?: number
  /** Downloads at once from one host. Default 4. */
  perHost?: number
  timeouts?: Partial<DownloadTimeouts>
  /** Largest image accepted. Default 20 MB. */
  maxBytes?: number
  retry?: Partial<RetryPolicy>
  /** When a host that never answers is left alone for a while. */
  hostHealth?: Partial<HostHealthPolicy>
  /** A retry due later than this marks the image failed instead of waiting as pending. Default 60 s. */
  maxPendingRetryMs?: number
  fetch?: typeof fetch
  /** Images may come from loopback, private and link-local addresses (`--allow-private-images`); refused by default. */
  allowPrivateImages?: boolean
  /** How often onReady/onStatus listeners hear of changes. Default 150 ms. */
  notifyEveryMs?: number
  /** How soon index changes reach the disk. Default 500 ms. */
  indexFlushMs?: number
  /** How soon the tracked folder's cards reach the disk (longer for a big folder). Default 2 s. */
  trackingFlushMs?: number
}

export interface CachedImage {
  /** Always a plain file inside the cache folder. */
  filePath: string
  /** The sniffed type: image/jpeg, image/png, image/gif, image/webp or image/avif. */
  mime: string
  size: number
}

/** Everything the cache knows about one URL (for the CLI and diagnostics). */
export interface ImageDetails {
  url: string
  hash: string
  state: 'cached' | 'failed' | 'pending'
  mime?: string
  size?: number
  reason?: FailureReason
  detail?: string
  retryAt?: number
  attempts: number
  pinned: boolean
}

export interface ImageService {
  /**
   * Registers every image the cards name (removing those of `removedIds`) and downloads them in the background.
   * A new folder replaces the last one, starting from the cards saved for it (see restoreFolder). A big batch is
   * taken in slices, so the process keeps answering.
   */
  track(folder: string, cards: Card[], removedIds: string[]): void
  /**
   * Makes `folder` the tracked one with the cards saved for it on disk, so a restart with an unchanged folder
   * (no batch) still counts, downloads and protects its images. Given the renderer's manifest, saved cards it
   * does not hold are forgotten: no batch will ever remove them. Batches tracked after this call wait for it.
   */
  restoreFolder(folder: string, manifest?: readonly ManifestEntry[]): Promise<void>
  /** Images of these cards are never evicted. */
  setStarred(ids: string[]): void
  /** Cached URLs come back with a src; the rest are queued, `visible` ones ahead of everything. */
  resolve(urls: string[], priority: 'visible' | 'background'): Promise<ImageResolution[]>
  /** Counts for the tracked folder's images. */
  status(): ImageCacheStatus
  setLimit(bytes: number): void
  /** The user's setting: also allow private addresses (allowed anyway when the service was made with allowPrivateImages). */
  setAllowPrivateImages(allow: boolean): void
  /** Images that became cached or failed, in batches. Returns the unsubscribe function. */
  onReady(listener: (items: ImageResolution[]) => void): () => void
  onStatus(listener: (status: ImageCacheStatus) => void): () => void
  /** The cached file of a cache key; null for anything else, including malformed keys. */
  lookup(hash: string): Promise<CachedImage | null>
  /** Tries every failed image of the tracked folder again now (the CLI does on each run). */
  retryFailed(): void
  inspect(url: string): ImageDetails | null
  /** Resolves when nothing is downloading, queued or waiting for a quick retry. */
  whenIdle(): Promise<void>
  close(): Promise<void>
}

/**
 * A full cache is brought down to this share of its cap, so eviction (a sort of the whole index)
 * runs once per tenth of the cap rather than on every download.
 */
const EVICT_TO = 0.9

/**
 * A first sync of 100k cards must not block the process for seconds: track() yields to the event
 * loop after this many cards, or sooner once a turn has taken TURN_MS (a loaded machine, cards
 * with many related items).
 */
const CARDS_PER_TURN = 1_000
const TURN_MS = 25

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export function createImageService(options: ImageServiceOptions): ImageService {
  return new ImageCacheService(options)
}

class ImageCacheService implements ImageService {
  private index: ImageIndex | null = null
  private readonly store: CacheStore
  private readonly queue: DownloadQueue
  private tracking = new FolderTracking()
  private readonly saver: TrackingSaver
  private readonly retries: RetryTimer
  private readonly hosts: HostHealth
  private readonly ready: Promise<void>
  private readonly timeouts: DownloadTimeouts
  private readonly policy: RetryPolicy
  private allowPrivateSetting = false
  private limitBytes: number
  private usedBytes = 0
  private starred = new Set<string>()
  /** Best priority each queued image is wanted at; older queue items at worse priorities are stale. */
  private readonly queuedAt = new Map<string, Pick<QueueItem, 'priority' | 'order'>>()
  /** Images asked for through resolve and not settled yet. */
  private readonly requested = new Set<string>()
  private readonly running = new Map<string, Promise<void>>()
  private readonly quickRetries = new Set<string>()
  private readonly removals = new Map<string, Promise<void>>()
  /** Set when a background download found no room: the rest wait for room instead of downloading in vain. */
  private backgroundBlocked = false
  private readonly closing = new AbortController()
  private closed = false
  private pumpScheduled = false
  private visibleSeq = 0
  private readonly readyListeners = new Set<(items: ImageResolution[]) => void>()
  private readonly statusListeners = new Set<(status: ImageCacheStatus) => void>()
  private readonly readyBuffer = new Map<string, ImageResolution>()
  private statusChanged = false
  private lastStatus = ''
  private notifyTimer: NodeJS.Timeout | undefined
  private idleWaiters: Array<() => void> = []
  private adopting: Promise<void> = Promise.resolve()
  /** Changes of the tracked cards (and what depends on them) run one at a time, in call order. */
  private work: Promise<void> = Promise.resolve()
  private workPending = 0
  /** Closing: pending tracking work finishes without yielding, so the saved file is complete. */
  private hurry = false
  private closingDown: Promise<void> | null = null

  constructor(private readonly options: ImageServiceOptions) {
    this.store = new CacheStore(options.cacheDir)
    this.limitBytes = options.limitBytes ?? DEFAULT_LIMIT_BYTES
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
    this.hosts = new HostHealth({ ...DEFAULT_HOST_HEALTH, ...options.hostHealth })
    this.queue = new DownloadQueue({ concurrency: options.concurrency ?? 8, perHost: options.perHost ?? 4 }, (item) => this.isWanted(item))
    this.retries = new RetryTimer(
      (hash) => this.retryDue(hash),
      () => this.quickRetries.size > 0
    )
    this.saver = new TrackingSaver({
      cacheDir: options.cacheDir,
      delayMs: options.trackingFlushMs ?? 2_000,
      urlOf: (hash) => this.index?.get(hash)?.url || undefined,
      tempPathFor: (key) => this.store.tempPathFor(key)
    })
    this.ready = this.open()
    this.ready.catch(() => undefined)
  }

  // ---- public API -------------------------------------------------------------------------

  track(folder: string, cards: Card[], removedIds: string[]): void {
    // Only the ids, dates and URLs are kept while the batch waits its turn: never the cards themselves.
    const batch = imagesOfBatch(cards)
    void this.serially(async (index) => {
      if (folder !== this.tracking.folder) await this.switchFolder(folder, null)
      for (const id of removedIds) this.tracking.removeCard(id, (hash) => index.get(hash))
      let inTurn = 0
      let turnEnds = performance.now() + TURN_MS
      let next = 0
      for (let i = 0; i < batch.ids.length; i++) {
        if (++inTurn > CARDS_PER_TURN || (inTurn % 50 === 0 && performance.now() > turnEnds)) {
          if (!this.hurry) {
            this.trackingChanged()
            await nextTurn()
          }
          inTurn = 1
          turnEnds = performance.now() + TURN_MS
        }
        const own = batch.urls.slice(next, (next += batch.ownCounts[i]))
        const related = batch.urls.slice(next, (next += batch.relatedCounts[i]))
        this.trackCard(batch.ids[i], own, related, batch.publishedAtMs[i])
      }
      this.trackingChanged()
    })
  }

  restoreFolder(folder: string, manifest?: readonly ManifestEntry[]): Promise<void> {
    return this.serially(async (index) => {
      let held: Set<string> | null = null
      if (manifest) {
        held = new Set()
        for (const entry of manifest) if (entry.id !== null) held.add(entry.id)
      }
      if (folder !== this.tracking.folder) return this.switchFolder(folder, held)
      if (!held) return
      for (const [id] of this.tracking.cards()) if (!held.has(id)) this.tracking.removeCard(id, (hash) => index.get(hash))
      this.trackingChanged()
    })
  }

  setStarred(ids: string[]): void {
    this.starred = new Set(ids)
    void this.serially((index) => {
      const keep = new Set<string>()
      for (const [id, card] of this.tracking.cards()) if (this.starred.has(id)) for (const hash of card.hashes) keep.add(hash)
      for (const [, card] of this.tracking.cards()) {
        for (const hash of card.hashes) {
          const entry = index.get(hash)
          if (!entry || entry.pinned === keep.has(hash)) continue
          entry.pinned = keep.has(hash)
          index.changed(entry)
          if (entry.pinned && entry.state === 'evicted') this.enqueue(entry, PRIORITY.own, 0)
        }
      }
      this.schedulePump()
    })
  }

  async resolve(urls: string[], priority: 'visible' | 'background'): Promise<ImageResolution[]> {
    await this.ready
    const index = this.index!
    const now = Date.now()
    const order = -++this.visibleSeq
    const results = urls.map((url): ImageResolution => {
      if (typeof url !== 'string' || !url.trim()) return { url, state: 'failed', src: null, reason: 'unsupported-url' }
      const entry = this.entryFor(url)
      if (entry.state === 'cached') {
        // Only what is on screen counts as use; a background sweep must not reorder the LRU.
        if (priority === 'visible') {
          entry.lastUsed = now
          index.changed(entry)
        }
        return this.resolutionOf(entry)
      }
      // On screen, an image that found no room may take the room of one that is not.
      const retryNow = priority === 'visible' && entry.reason === 'cache-full'
      if (entry.state === 'failed' && (entry.retryAt ?? 0) > now && !retryNow) return this.resolutionOf(entry)
      if (entry.state === 'failed') this.setState(entry, 'pending')
      this.requested.add(entry.hash)
      if (priority === 'visible') this.enqueue(entry, PRIORITY.visible, order)
      else this.enqueue(entry, PRIORITY.own, 0)
      return this.resolutionOf(entry)
    })
    this.schedulePump()
    return results
  }

  status(): ImageCacheStatus {
    return this.tracking.status()
  }

  setAllowPrivateImages(allow: boolean): void {
    const newlyAllowed = allow && !this.allowPrivateSetting
    this.allowPrivateSetting = allow
    // Every image refused for its address may be wanted again, tracked or only resolved.
    if (newlyAllowed) void this.serially((index) => {
      for (const entry of index.entries()) if (entry.state === 'failed' && entry.reason === 'private-address') this.requeueFailed(entry)
      this.schedulePump()
    })
  }

  setLimit(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError('The image cache limit must be a number of bytes, 0 or more')
    const grew = bytes > this.limitBytes
    this.limitBytes = bytes
    void this.serially(async (index) => {
      this.backgroundBlocked = false
      if (this.usedBytes > this.limitBytes) await this.evict(this.limitBytes, null, true)
      if (!grew) return
      for (const entry of index.entries()) {
        if (entry.state === 'failed' && entry.reason === 'cache-full' && this.isTrackedOrAsked(entry)) this.requeueFailed(entry)
      }
      this.schedulePump()
    })
  }

  onReady(listener: (items: ImageResolution[]) => void): () => void {
    this.readyListeners.add(listener)
    return () => this.readyListeners.delete(listener)
  }

  onStatus(listener: (status: ImageCacheStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  async lookup(hash: string): Promise<CachedImage | null> {
    if (!isCacheHash(hash)) return null
    try {
      await this.ready
    } catch {
      return null
    }
    const index = this.index!
    const entry = index.get(hash)
    const size = await this.store.sizeOf(hash)
    if (entry?.state === 'cached') {
      if (size !== null && size === entry.size) {
        entry.lastUsed = Date.now()
        index.changed(entry)
        return { filePath: this.store.pathOf(hash), mime: entry.mime!, size }
      }
      // The file went missing or changed behind our back: fetch it again.
      this.forgetFile(entry)
      if (entry.url) {
        this.requested.add(hash)
        this.enqueue(entry, PRIORITY.visible, -++this.visibleSeq)
        this.emitReady(entry)
        this.schedulePump()
      }
      return null
    }
    if (size === null || this.running.has(hash) || this.removals.has(hash)) return null
    // Another Tidings sharing the cache (the CLI, say) stored it after we loaded the index.
    const adopted = await this.adoptFile(hash)
    return adopted ? { filePath: this.store.pathOf(hash), mime: adopted.mime!, size: adopted.size! } : null
  }

  retryFailed(): void {
    void this.serially((index) => {
      for (const entry of index.entries()) if (entry.state === 'failed' && this.tracking.has(entry)) this.requeueFailed(entry)
      this.backgroundBlocked = false
      this.schedulePump()
    })
  }

  inspect(url: string): ImageDetails | null {
    const entry = this.index?.getByUrl(url)
    if (!entry) return null
    const { hash, mime, size, reason, detail, retryAt, attempts, pinned } = entry
    return { url, hash, state: reportedState(entry), mime, size, reason, detail, retryAt, attempts, pinned }
  }

  async whenIdle(): Promise<void> {
    await this.ready
    for (;;) {
      await this.adopting
      if (this.closed || this.isIdle()) break
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve))
    }
    this.flushNotify()
    await Promise.all([this.index!.flush(), this.saver.flush()])
  }

  close(): Promise<void> {
    this.closingDown ??= this.closeDown()
    return this.closingDown
  }

  private async closeDown(): Promise<void> {
    // Cards handed to track() before closing are still saved for the folder, whole.
    this.hurry = true
    await this.work
    this.closed = true
    this.closing.abort()
    this.retries.clear()
    this.queue.clear()
    clearTimeout(this.notifyTimer)
    await Promise.allSettled([...this.running.values(), ...this.removals.values(), this.adopting])
    this.readyListeners.clear()
    this.statusListeners.clear()
    this.wakeIdleWaiters()
    await this.ready.catch(() => undefined)
    await this.saver.close()
    await this.index?.close()
  }

  // ---- start-up ------------------------------------------------------------------------------

  private async open(): Promise<void> {
    await this.store.prepare()
    const index = await ImageIndex.load(this.options.cacheDir, this.options.indexFlushMs)
    const onDisk = await this.store.listHashes()
    for (const entry of index.entries()) {
      if (entry.state !== 'cached') continue
      if (onDisk.delete(entry.hash)) this.usedBytes += entry.size ?? 0
      else {
        Object.assign(entry, { state: 'pending', mime: undefined, size: undefined })
        index.changed(entry)
      }
    }
    this.index = index
    // The limit may have been lowered since the last run.
    if (this.usedBytes > this.limitBytes) await this.evict(this.limitBytes, null, true)
    // Files stored just before a crash (index not yet written) are still good: sniff and keep them.
    this.adopting = (async () => {
      for (const hash of onDisk) if (!this.closed) await this.adoptFile(hash)
    })()
  }

  /**
   * Runs the action after the index is loaded and after every earlier one has finished. With nothing
   * pending it starts at once, so a small change is made before the call returns. Never rejects.
   */
  private serially(action: (index: ImageIndex) => void | Promise<void>): Promise<void> {
    if (this.closed) return Promise.resolve()
    const startNow = this.index !== null && this.workPending === 0
    this.workPending++
    const run = async (): Promise<void> => {
      try {
        if (!startNow) await this.ready
        if (!this.closed) await action(this.index!)
      } catch {
        // An unusable cache folder: every call that waits on `ready` reports it.
      } finally {
        this.workPending--
        this.checkIdle()
      }
    }
    this.work = startNow ? run() : this.work.then(run)
    return this.work
  }

  // ---- the tracked folder ------------------------------------------------------------------

  private trackCard(id: string, own: string[], related: string[], publishedAtMs: number): void {
    const order = -publishedAtMs
    const pinned = this.starred.has(id)
    // Sized exactly: 100k cards' arrays grown by push or spread would carry their spare capacity for good.
    const hashes = new Array<string>(own.length + related.length)
    own.forEach((url, i) => (hashes[i] = this.refUrl(url, PRIORITY.own, order, pinned)))
    related.forEach((url, i) => (hashes[own.length + i] = this.refUrl(url, PRIORITY.related, order, pinned)))
    this.tracking.setCard(id, { hashes, ownCount: own.length, publishedAtMs }, (hash) => this.index!.get(hash))
  }

  /** After the tracked cards changed: tell the listeners, download what is now needed, save the cards. */
  private trackingChanged(): void {
    this.statusChanged = true
    this.scheduleNotify()
    this.schedulePump()
    this.saver.changed()
  }

  /**
   * Tracks `folder` from now on, starting from the cards saved for it; with `held`, only those the
   * renderer holds. The last folder's cards are saved first.
   */
  private async switchFolder(folder: string, held: Set<string> | null): Promise<void> {
    await this.saver.flush()
    this.tracking = new FolderTracking(folder)
    this.backgroundBlocked = false
    let complete = true
    try {
      let count = 0
      await readTracking(trackingFileOf(this.options.cacheDir, folder), folder, (card) => {
        if (held && !held.has(card.id)) complete = false
        else this.trackCard(card.id, card.own, card.related, card.publishedAtMs)
        if (++count % CARDS_PER_TURN === 0) this.trackingChanged()
      })
    } catch {
      // Unreadable: what was read stands, and the file is written afresh.
      complete = false
    }
    this.saver.follow(this.tracking, complete)
    this.trackingChanged()
  }

  // ---- entries and states ----------------------------------------------------------------

  private entryFor(url: string): ImageEntry {
    const index = this.index!
    const known = index.getByUrl(url)
    if (known) return known
    const hash = hashOfUrl(url)
    const byFile = index.get(hash)
    if (byFile) {
      index.nameUrl(byFile, url)
      return byFile
    }
    // Held as long as the index: a copy of its own, not a slice of a card's file.
    const entry = index.put(newEntry(hash, ownCopy(url), 'pending'))
    index.changed(entry)
    // Decided at once: no request is ever made for these.
    if (!hostOf(url)) this.setFailed(entry, 'unsupported-url', 'not an http(s) URL', Date.now() + this.policy.permanentRetryMs)
    return entry
  }

  private refUrl(url: string, priority: PriorityClass, order: number, pinned: boolean): string {
    const entry = this.entryFor(url)
    const firstTime = this.tracking.ref(entry, priority, order)
    if (pinned && !entry.pinned) {
      entry.pinned = true
      this.index!.changed(entry)
    }
    const retryDue = entry.state === 'failed' && (entry.retryAt ?? 0) <= Date.now()
    if (retryDue) this.requeueFailed(entry, priority, order)
    // A failure of an earlier session (restored from the index) is retried when due, like one of this session.
    else if (entry.state === 'failed' && firstTime) this.retryWhenDue(entry)
    else if (entry.state === 'pending' || (entry.state === 'evicted' && (firstTime || pinned))) this.enqueue(entry, priority, order)
    return entry.hash
  }

  /** Changes an entry's state, keeping the index, the folder counts and the listeners in step. */
  private setState(entry: ImageEntry, state: ImageEntry['state'], fields: Partial<ImageEntry> = {}): void {
    const before = reportedState(entry)
    Object.assign(entry, fields, { state })
    if (state !== 'cached') Object.assign(entry, { mime: undefined, size: undefined })
    if (state !== 'failed') Object.assign(entry, { reason: undefined, detail: undefined, retryAt: undefined })
    this.index!.changed(entry)
    const after = reportedState(entry)
    if (before !== after) {
      this.tracking.moved(entry, before, after)
      this.statusChanged = true
      this.scheduleNotify()
    }
  }

  private setCached(entry: ImageEntry, mime: string, size: number): void {
    if (entry.state === 'cached') return
    this.setState(entry, 'cached', { mime: intern(mime), size, lastUsed: Date.now(), attempts: 0 })
    this.usedBytes += size
    this.requested.delete(entry.hash)
    this.emitReady(entry)
  }

  private setFailed(entry: ImageEntry, reason: FailureReason, detail: string, retryAt: number): void {
    this.setState(entry, 'failed', { reason, detail: intern(detail), retryAt })
    this.requested.delete(entry.hash)
    this.emitReady(entry)
    this.retryWhenDue(entry)
  }

  private retryWhenDue(entry: ImageEntry): void {
    // Retries due within a day are made in this session; later ones when the folder is next tracked.
    const retryAt = entry.retryAt ?? 0
    if (retryAt - Date.now() < 24 * 60 * 60 * 1000) this.retries.add(entry.hash, retryAt)
  }

  private requeueFailed(entry: ImageEntry, priority?: PriorityClass, order?: number): void {
    const ref = this.tracking.refOf(entry)
    this.setState(entry, 'pending')
    this.enqueue(entry, priority ?? ref?.priority ?? PRIORITY.related, order ?? ref?.order ?? 0)
  }

  /** The index says cached but the file is gone or altered. */
  private forgetFile(entry: ImageEntry): void {
    this.usedBytes -= entry.size ?? 0
    this.setState(entry, 'pending')
    this.removeFile(entry.hash)
  }

  private async adoptFile(hash: string): Promise<ImageEntry | null> {
    const path = this.store.pathOf(hash)
    const mime = await sniffFile(path).catch(() => null)
    const size = await this.store.sizeOf(hash)
    const index = this.index!
    const current = index.get(hash)
    if (current?.state === 'cached') return current
    if (!mime || size === null) {
      await rm(path, { force: true }).catch(() => undefined)
      return null
    }
    const entry = current ?? index.put(newEntry(hash, '', 'pending'))
    this.setCached(entry, mime, size)
    return entry
  }

  private isTrackedOrAsked(entry: ImageEntry): boolean {
    return this.tracking.has(entry) || this.requested.has(entry.hash)
  }

  private resolutionOf(entry: ImageEntry): ImageResolution {
    const state = reportedState(entry)
    if (state === 'cached') return { url: entry.url, state, src: this.options.srcFor(entry.hash) }
    if (state === 'failed') return { url: entry.url, state, src: null, reason: entry.reason }
    return { url: entry.url, state, src: null }
  }

  // ---- queue -------------------------------------------------------------------------------

  private enqueue(entry: ImageEntry, priority: PriorityClass, order: number): void {
    if (entry.state === 'cached' || entry.state === 'failed' || this.running.has(entry.hash)) return
    const current = this.queuedAt.get(entry.hash)
    if (current && !ranksBefore(priority, order, current.priority, current.order)) return
    this.queuedAt.set(entry.hash, { priority, order })
    // A backoff in progress is kept; the better priority applies when it ends.
    if (this.quickRetries.has(entry.hash)) return
    this.queue.push(entry.hash, hostOf(entry.url), priority, order)
  }

  private isWanted(item: QueueItem): boolean {
    const entry = this.index?.get(item.hash)
    if (!entry || (entry.state !== 'pending' && entry.state !== 'evicted')) return false
    if (this.running.has(item.hash) || this.quickRetries.has(item.hash)) return false
    const best = this.queuedAt.get(item.hash)
    if (!best || ranksBefore(best.priority, best.order, item.priority, item.order)) return false
    return this.isTrackedOrAsked(entry) || entry.pinned
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.closed) return
    this.pumpScheduled = true
    setImmediate(() => {
      this.pumpScheduled = false
      this.pump()
    })
  }

  private pump(): void {
    if (this.closed) return
    for (let item = this.queue.take(); item; item = this.queue.take()) {
      const job = item
      this.queuedAt.delete(job.hash)
      const run = this.download(job)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(job.hash)
          this.queue.release(job)
          this.schedulePump()
          this.checkIdle()
        })
      this.running.set(job.hash, run)
    }
    this.checkIdle()
  }

  private retryDue(hash: string): void {
    const entry = this.index?.get(hash)
    const wasQuick = this.quickRetries.delete(hash)
    if (!entry || this.closed) return
    if (wasQuick && entry.state === 'pending') {
      const wanted = this.queuedAt.get(hash) ?? { priority: PRIORITY.related, order: 0 }
      this.queuedAt.delete(hash)
      this.enqueue(entry, wanted.priority, wanted.order)
    } else if (entry.state === 'failed' && (entry.retryAt ?? 0) <= Date.now() && (this.isTrackedOrAsked(entry) || entry.pinned)) {
      this.requeueFailed(entry)
    }
    this.schedulePump()
    this.checkIdle()
  }

  // ---- one download ----------------------------------------------------------------------

  private async download(item: QueueItem): Promise<void> {
    const entry = this.index!.get(item.hash)
    if (!entry || entry.state === 'cached') return
    if (item.priority !== PRIORITY.visible && this.backgroundBlocked && !entry.pinned) {
      this.setFailed(entry, 'cache-full', 'the image cache is full', Date.now() + 60 * 60 * 1000)
      return
    }
    await this.removals.get(entry.hash)
    if ((await this.store.sizeOf(entry.hash)) !== null && (await this.adoptFile(entry.hash))) return
    const down = this.hosts.downFor(item.host)
    if (down) {
      entry.attempts++
      this.setFailed(entry, down.reason, `${item.host} is not answering (${down.detail})`, down.until)
      return
    }
    const outcome = await fetchImage(entry.url, {
      fetch: this.options.fetch,
      allowPrivate: this.options.allowPrivateImages || this.allowPrivateSetting,
      tempPath: this.store.tempPathFor(entry.hash),
      maxBytes: this.options.maxBytes ?? DEFAULT_MAX_BYTES,
      timeouts: this.timeouts,
      signal: this.closing.signal
    })
    if (this.closed) {
      if (outcome.ok) await rm(outcome.tempPath, { force: true })
      return
    }
    if (outcome.ok || outcome.responded) this.hosts.responded(item.host)
    else if (!outcome.aborted && outcome.reason !== 'unsupported-url' && outcome.reason !== 'private-address') this.hosts.noResponse(item.host, outcome.reason, outcome.detail)
    if (!outcome.ok) return this.failed(entry, item, outcome)
    try {
      await this.store.commit(outcome.tempPath, entry.hash)
    } catch (error) {
      await rm(outcome.tempPath, { force: true }).catch(() => undefined)
      return this.failed(entry, item, { ok: false, reason: 'io-error', detail: (error as Error).message, retryable: true, responded: true })
    }
    this.setCached(entry, outcome.mime, outcome.size)
    await this.makeRoomAfter(entry, item.priority)
  }

  private failed(entry: ImageEntry, item: QueueItem, outcome: Extract<FetchOutcome, { ok: false }>): void {
    if (outcome.aborted) return
    const attempts = entry.attempts + 1
    const now = Date.now()
    if (!outcome.retryable) {
      entry.attempts = attempts
      return this.setFailed(entry, outcome.reason, outcome.detail, now + this.policy.permanentRetryMs)
    }
    const delay = backoffMs(this.policy, attempts, outcome.retryAfterMs ?? null)
    const maxPending = this.options.maxPendingRetryMs ?? 60_000
    if (attempts < this.policy.attemptsBeforeFailed && delay <= maxPending) {
      this.setState(entry, 'pending', { attempts })
      const wanted = this.queuedAt.get(entry.hash)
      if (!wanted || !ranksBefore(wanted.priority, wanted.order, item.priority, item.order)) this.queuedAt.set(entry.hash, { priority: item.priority, order: item.order })
      this.quickRetries.add(entry.hash)
      this.retries.add(entry.hash, now + delay)
      return
    }
    entry.attempts = attempts
    this.setFailed(entry, outcome.reason, outcome.detail, now + delay)
  }

  // ---- size cap --------------------------------------------------------------------------

  private async makeRoomAfter(entry: ImageEntry, priority: PriorityClass): Promise<void> {
    if (this.usedBytes <= this.limitBytes) return
    const forVisible = priority === PRIORITY.visible
    await this.evict(Math.floor(this.limitBytes * EVICT_TO), entry.hash, forVisible)
    if (this.usedBytes <= this.limitBytes || entry.pinned || entry.state !== 'cached') return
    // No room without evicting what the folder needs (or starred cards' images): drop this one.
    this.forgetFile(entry)
    this.setFailed(entry, 'cache-full', `the image cache is full (${this.limitBytes} bytes)`, Date.now() + 60 * 60 * 1000)
    if (!forVisible) this.backgroundBlocked = true
  }

  /**
   * Least recently used first, never an image of a starred card. For background downloads only
   * images the open folder does not name are candidates, so the cache never churns its own folder.
   */
  private async evict(targetBytes: number, sparedHash: string | null, mayEvictTracked: boolean): Promise<void> {
    const candidates: ImageEntry[] = []
    for (const entry of this.index!.entries()) {
      if (entry.state !== 'cached' || entry.pinned || entry.hash === sparedHash) continue
      if (!mayEvictTracked && this.isTrackedOrAsked(entry)) continue
      candidates.push(entry)
    }
    candidates.sort((a, b) => (a.lastUsed ?? 0) - (b.lastUsed ?? 0))
    for (const entry of candidates) {
      if (this.usedBytes <= targetBytes) break
      this.usedBytes -= entry.size ?? 0
      this.setState(entry, 'evicted')
      this.removeFile(entry.hash)
    }
    await Promise.allSettled(this.removals.values())
  }

  private removeFile(hash: string): void {
    const removal = this.store
      .remove(hash)
      .catch(() => undefined)
      .finally(() => {
        if (this.removals.get(hash) === removal) this.removals.delete(hash)
      })
    this.removals.set(hash, removal)
  }

  // ---- notifications and idleness ---------------------------------------------------------

  private emitReady(entry: ImageEntry): void {
    if (!entry.url) return
    this.readyBuffer.set(entry.hash, this.resolutionOf(entry))
    this.scheduleNotify()
  }

  private scheduleNotify(): void {
    if (this.notifyTimer || this.closed) return
    this.notifyTimer = setTimeout(() => this.flushNotify(), this.options.notifyEveryMs ?? 150)
  }

  private flushNotify(): void {
    clearTimeout(this.notifyTimer)
    this.notifyTimer = undefined
    if (this.readyBuffer.size > 0) {
      const items = [...this.readyBuffer.values()]
      this.readyBuffer.clear()
      for (const listener of this.readyListeners) callSafely(() => listener(items))
    }
    if (this.statusChanged) {
      this.statusChanged = false
      const status = this.status()
      const key = JSON.stringify(status)
      if (key !== this.lastStatus) {
        this.lastStatus = key
        for (const listener of this.statusListeners) callSafely(() => listener(status))
      }
    }
  }

  private isIdle(): boolean {
    return this.workPending === 0 && this.running.size === 0 && this.quickRetries.size === 0 && this.queue.isEmpty && !this.pumpScheduled
  }

  private checkIdle(): void {
    if (this.idleWaiters.length && (this.closed || this.isIdle())) this.wakeIdleWaiters()
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const wake of waiters) wake()
  }
}

/** The host a URL is queued under (for the per-host limit); empty for a URL that is not http(s). */
function hostOf(url: string): string {
  // No user:password@ part: fetch refuses those, so they fail at once like any non-http URL.
  return intern(/^\s*https?:\/\/([^@/?#\s]+)(?=[/?#]|$)/i.exec(url)?.[1].toLowerCase() ?? '')
}

interface BatchImages {
  ids: string[]
  publishedAtMs: Float64Array
  ownCounts: Uint32Array
  relatedCounts: Uint32Array
  /** Each card's own URLs, then its related ones, card after card. */
  urls: string[]
}

function imagesOfBatch(cards: readonly Card[]): BatchImages {
  const batch: BatchImages = {
    ids: new Array<string>(cards.length),
    publishedAtMs: new Float64Array(cards.length),
    ownCounts: new Uint32Array(cards.length),
    relatedCounts: new Uint32Array(cards.length),
    urls: []
  }
  cards.forEach((card, i) => {
    const { own, related } = imageUrlsOfCard(card)
    // Not copied: the library keeps this same id string for the card, so sharing it costs nothing.
    batch.ids[i] = card.id
    batch.publishedAtMs[i] = card.publishedAtMs ?? 0
    batch.ownCounts[i] = own.length
    batch.relatedCounts[i] = related.length
    for (const url of own) batch.urls.push(url)
    for (const url of related) batch.urls.push(url)
  })
  return batch
}

function callSafely(action: () => void): void {
  try {
    action()
  } catch {
    // A listener's failure is its own; the cache carries on.
  }
}
