// The image cache: a thin composition of its jobs, each in its own module.
//   cache-entries  the index, the tracked folder, each entry's state changes
//   folder-images  which cards of the tracked folder name which images (track, restore, stars)
//   downloads      the priority queue, the downloads in flight, retries, hosts left alone
//   eviction       the size cap
//   notifier       onReady/onStatus, batched
// This file owns the lifecycle: opening the index, running changes one at a
// time in call order, idleness and closing.
// Just over 300 lines: what is left is the lifecycle and the public methods' argument checks, one line of
// delegation each; splitting them further would only scatter the one ordered queue they all go through.
import type { Card } from '../../../shared/card'
import type { ImageCacheStatus, ImageResolution, ManifestEntry } from '../../../shared/contract'
import { imagesOfBatch } from './batch-images'
import { CacheEntries } from './cache-entries'
import { CacheStore } from './cache-store'
import { PRIORITY } from './download-queue'
import { Downloads } from './downloads'
import { Eviction } from './eviction'
import { FolderImages } from './folder-images'
import { isCacheHash } from './hash'
import { ImageIndex } from './image-index'
import { DEFAULT_LIMIT_BYTES, type CachedImage, type ImageDetails, type ImageService, type ImageServiceOptions } from './image-service-types'
import { Notifier } from './notifier'
import { DEFAULT_RETRY_POLICY } from './retry-policy'
import { reportedState } from './tracking'
import { TrackingSaver } from './tracking-saver'

export { hashOfUrl } from './hash'
export { imageUrlsOfCard } from './card-images'
export { DEFAULT_LIMIT_BYTES, type CachedImage, type ImageDetails, type ImageService, type ImageServiceOptions } from './image-service-types'

export function createImageService(options: ImageServiceOptions): ImageService {
  return new ImageCacheService(options)
}

class ImageCacheService implements ImageService {
  private readonly store: CacheStore
  private readonly entries: CacheEntries
  private readonly notifier: Notifier
  private readonly room: Eviction
  private readonly downloads: Downloads
  private readonly folder: FolderImages
  private readonly saver: TrackingSaver
  private readonly ready: Promise<void>
  private visibleSeq = 0
  private idleWaiters: Array<() => void> = []
  private adopting: Promise<void> = Promise.resolve()
  /** Changes of the tracked cards (and what depends on them) run one at a time, in call order. */
  private work: Promise<void> = Promise.resolve()
  private workPending = 0
  private closingDown: Promise<void> | null = null

  constructor(private readonly options: ImageServiceOptions) {
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
    this.store = new CacheStore(options.cacheDir)
    this.notifier = new Notifier(() => this.status(), options.notifyEveryMs ?? 150)
    this.entries = new CacheEntries({
      store: this.store,
      notifier: this.notifier,
      srcFor: options.srcFor,
      permanentRetryMs: policy.permanentRetryMs,
      retryAt: (slot, at) => this.downloads.retryAt(slot, at)
    })
    this.room = new Eviction(this.entries, options.limitBytes ?? DEFAULT_LIMIT_BYTES)
    this.downloads = new Downloads(this.entries, this.store, this.room, policy, options, () => this.checkIdle())
    this.saver = new TrackingSaver({
      cacheDir: options.cacheDir,
      delayMs: options.trackingFlushMs ?? 2_000,
      urlOf: (slot) => this.entries.index?.at(slot)?.url || undefined,
      tempPathFor: (key) => this.store.tempPathFor(key)
    })
    this.folder = new FolderImages(this.entries, this.downloads, this.room, this.notifier, this.saver, options.cacheDir)
    this.ready = this.open()
    this.ready.catch(() => undefined)
  }

  // ---- public API -------------------------------------------------------------------------

  track(folder: string, cards: Card[], removedIds: string[]): void {
    // Only the ids, dates and URLs are kept while the batch waits its turn: never the cards themselves.
    const batch = imagesOfBatch(cards)
    void this.serially((index) => this.folder.track(folder, batch, removedIds, index))
  }

  restoreFolder(folder: string, manifest?: readonly ManifestEntry[]): Promise<void> {
    return this.serially((index) => {
      let held: Set<string> | null = null
      if (manifest) {
        held = new Set()
        for (const entry of manifest) if (entry.id !== null) held.add(entry.id)
      }
      return this.folder.restore(folder, held, index)
    })
  }

  setStarred(ids: string[]): void {
    this.folder.setStarred(ids)
    void this.serially((index) => this.folder.pinStarred(index))
  }

  async resolve(urls: string[], priority: 'visible' | 'background'): Promise<ImageResolution[]> {
    await this.ready
    const entries = this.entries
    const index = entries.index!
    const now = Date.now()
    const order = -++this.visibleSeq
    const results = urls.map((url): ImageResolution => {
      if (typeof url !== 'string' || !url.trim()) return { url, state: 'failed', src: null, reason: 'unsupported-url' }
      const entry = entries.entryFor(url)
      if (entry.state === 'cached') {
        // Only what is on screen counts as use; a background sweep must not reorder the LRU.
        if (priority === 'visible') {
          entry.lastUsed = now
          index.changed(entry)
        }
        return entries.resolutionOf(entry)
      }
      // On screen, an image that found no room may take the room of one that is not.
      const retryNow = priority === 'visible' && entry.reason === 'cache-full'
      if (entry.state === 'failed' && (entry.retryAt ?? 0) > now && !retryNow) {
        if (priority === 'visible') this.downloads.prefer(entry)
        return entries.resolutionOf(entry)
      }
      if (entry.state === 'failed') entries.setState(entry, 'pending')
      entries.requested.add(entry.hash)
      if (priority === 'visible') this.downloads.enqueue(entry, PRIORITY.visible, order)
      else this.downloads.enqueue(entry, PRIORITY.own, 0)
      return entries.resolutionOf(entry)
    })
    this.downloads.schedulePump()
    return results
  }

  status(): ImageCacheStatus {
    return this.entries.tracking.status()
  }

  setLimit(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError('The image cache limit must be a number of bytes, 0 or more')
    const grew = bytes > this.room.limitBytes
    this.room.limitBytes = bytes
    void this.serially(async (index) => {
      this.room.backgroundBlocked = false
      await this.room.fitLimit()
      if (!grew) return
      for (const entry of index.entries()) {
        if (entry.state === 'failed' && entry.reason === 'cache-full' && this.entries.isTrackedOrAsked(entry)) this.downloads.requeueFailed(entry)
      }
      this.downloads.schedulePump()
    })
  }

  setAllowPrivateImages(allow: boolean): void {
    const newlyAllowed = this.downloads.setAllowPrivate(allow)
    // Every image refused for its address may be wanted again, tracked or only resolved.
    if (newlyAllowed) void this.serially((index) => {
      for (const entry of index.entries()) if (entry.state === 'failed' && entry.reason === 'private-address') this.downloads.requeueFailed(entry)
      this.downloads.schedulePump()
    })
  }

  onReady(listener: (items: ImageResolution[]) => void): () => void {
    return this.notifier.onReady(listener)
  }

  onStatus(listener: (status: ImageCacheStatus) => void): () => void {
    return this.notifier.onStatus(listener)
  }

  async lookup(hash: string): Promise<CachedImage | null> {
    if (!isCacheHash(hash)) return null
    try {
      await this.ready
    } catch {
      return null
    }
    const entries = this.entries
    // Closing lets go of the index's URL file.
    if (entries.closed) return null
    const index = entries.index!
    const entry = index.get(hash)
    const size = await this.store.sizeOf(hash)
    if (entry?.state === 'cached') {
      if (size !== null && size === entry.size) {
        entry.lastUsed = Date.now()
        index.changed(entry)
        return { filePath: this.store.pathOf(hash), mime: entry.mime!, size }
      }
      // The file went missing or changed behind our back: fetch it again.
      entries.forgetFile(entry)
      if (entry.url) {
        entries.requested.add(hash)
        this.downloads.enqueue(entry, PRIORITY.visible, -++this.visibleSeq)
        entries.emitReady(entry)
        this.downloads.schedulePump()
      }
      return null
    }
    if (size === null || (entry && this.downloads.running.has(entry.slot)) || entries.removals.has(hash)) return null
    // Another Tidings sharing the cache (the CLI, say) stored it after we loaded the index.
    const adopted = await entries.adoptFile(hash)
    return adopted ? { filePath: this.store.pathOf(hash), mime: adopted.mime!, size: adopted.size! } : null
  }

  retryFailed(): void {
    void this.serially((index) => {
      for (const entry of index.entries()) if (entry.state === 'failed' && this.entries.tracking.has(entry)) this.downloads.requeueFailed(entry)
      this.room.backgroundBlocked = false
      this.downloads.schedulePump()
    })
  }

  inspect(url: string): ImageDetails | null {
    const entry = this.entries.closed ? undefined : this.entries.index?.getByUrl(url)
    if (!entry) return null
    const { hash, mime, size, reason, detail, retryAt, attempts, pinned } = entry
    return { url, hash, state: reportedState(entry), mime, size, reason, detail, retryAt, attempts, pinned }
  }

  async whenIdle(): Promise<void> {
    await this.ready
    for (;;) {
      await this.adopting
      if (this.entries.closed || this.isIdle()) break
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve))
    }
    this.notifier.flush()
    await Promise.all([this.entries.index!.flush(), this.saver.flush()])
  }

  close(): Promise<void> {
    this.closingDown ??= this.closeDown()
    return this.closingDown
  }

  private async closeDown(): Promise<void> {
    // Cards handed to track() before closing are still saved for the folder, whole.
    this.folder.hurry = true
    await this.work
    this.entries.closed = true
    this.downloads.stop()
    this.notifier.stop()
    await Promise.allSettled([...this.downloads.running.values(), ...this.entries.removals.values(), this.adopting])
    this.notifier.clearListeners()
    this.wakeIdleWaiters()
    await this.ready.catch(() => undefined)
    await this.saver.close()
    await this.entries.index?.close()
  }

  // ---- start-up and order -------------------------------------------------------------------

  private async open(): Promise<void> {
    await this.store.prepare()
    const index = await ImageIndex.load(this.options.cacheDir, this.options.indexFlushMs)
    const onDisk = await this.store.listHashes()
    for (const entry of index.entries()) {
      if (entry.state !== 'cached') continue
      if (onDisk.delete(entry.hash)) this.entries.usedBytes += entry.size ?? 0
      else {
        Object.assign(entry, { state: 'pending', mime: undefined, size: undefined })
        index.changed(entry)
      }
    }
    this.entries.index = index
    // The limit may have been lowered since the last run.
    await this.room.fitLimit()
    // Files stored just before a crash (index not yet written) are still good: sniff and keep them.
    this.entries.unadopted = onDisk
    this.adopting = (async () => {
      // A download may adopt one first: adoptFile takes it out of the set, so the loop passes it by.
      for (const hash of onDisk) if (!this.entries.closed) await this.entries.adoptFile(hash)
    })()
  }

  /**
   * Runs the action after the index is loaded and after every earlier one has finished. With nothing
   * pending it starts at once, so a small change is made before the call returns. Never rejects.
   */
  private serially(action: (index: ImageIndex) => void | Promise<void>): Promise<void> {
    if (this.entries.closed) return Promise.resolve()
    const startNow = this.entries.index !== null && this.workPending === 0
    this.workPending++
    const run = async (): Promise<void> => {
      try {
        if (!startNow) await this.ready
        if (!this.entries.closed) await action(this.entries.index!)
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

  // ---- idleness ------------------------------------------------------------------------------

  private isIdle(): boolean {
    return this.workPending === 0 && this.downloads.isIdle
  }

  private checkIdle(): void {
    if (this.idleWaiters.length && (this.entries.closed || this.isIdle())) this.wakeIdleWaiters()
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const wake of waiters) wake()
  }
}
