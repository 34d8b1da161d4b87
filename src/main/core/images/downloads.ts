// The download pump: the priority queue of wanted images, the downloads in
// flight, quick retries after a passing failure, and hosts left alone while
// they do not answer.
import { rm } from 'node:fs/promises'
import type { CacheEntries } from './cache-entries'
import type { CacheStore } from './cache-store'
import { DownloadQueue, PRIORITY, ranksBefore, type PriorityClass, type QueueItem } from './download-queue'
import type { Eviction } from './eviction'
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUTS, fetchImage, type DownloadTimeouts, type FetchOutcome } from './fetch-image'
import { DEFAULT_HOST_HEALTH, HostHealth } from './host-health'
import { HostProbes } from './host-probes'
import { NOT_QUEUED } from './entry-store'
import type { ImageEntry } from './image-index'
import type { ImageServiceOptions } from './image-service-types'
import { backoffMs, type RetryPolicy } from './retry-policy'
import { RetryTimer } from './retry-timer'
import { hostOf } from './url-host'

export class Downloads {
  private readonly queue: DownloadQueue
  private readonly retries: RetryTimer
  private readonly hosts: HostHealth
  private readonly probes: HostProbes
  private readonly timeouts: DownloadTimeouts
  private allowPrivateSetting = false
  /** The downloads in flight, by slot. */
  readonly running = new Map<number, Promise<void>>()
  /** By slot: images waiting out a short backoff. */
  private readonly quickRetries = new Set<number>()
  private readonly closing = new AbortController()
  private pumpScheduled = false
  private lastDownDetail = { host: '', why: '', text: '' }

  constructor(
    private readonly entries: CacheEntries,
    private readonly store: CacheStore,
    private readonly room: Eviction,
    private readonly policy: RetryPolicy,
    private readonly options: ImageServiceOptions,
    /** Called whenever a download or a retry settles, to wake whoever waits for idleness. */
    private readonly settled: () => void
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
    this.hosts = new HostHealth({ ...DEFAULT_HOST_HEALTH, ...options.hostHealth })
    this.probes = new HostProbes(this.hosts, { requeue: (slot, seen) => this.requeueHeld(slot, seen) })
    this.queue = new DownloadQueue({ concurrency: options.concurrency ?? 8, perHost: options.perHost ?? 4 }, (item) => this.isWanted(item))
    this.retries = new RetryTimer(
      (slot) => this.retryDue(slot),
      () => this.quickRetries.size > 0
    )
  }

  /** Nothing downloading, queued or waiting for a quick retry. */
  get isIdle(): boolean {
    return this.running.size === 0 && this.quickRetries.size === 0 && this.queue.isEmpty && !this.pumpScheduled
  }

  retryAt(slot: number, at: number): void {
    this.retries.add(slot, at)
  }

  /** `url`: the entry's URL when the caller holds it (not read back from the index's scratch file). */
  enqueue(entry: ImageEntry, priority: PriorityClass, order: number, url?: string): void {
    if (entry.state === 'cached' || entry.state === 'failed' || this.running.has(entry.slot)) return
    // A backoff in progress is kept; the better priority applies when it ends.
    const backingOff = this.quickRetries.has(entry.slot)
    const host = backingOff ? '' : hostOf(url ?? entry.url)
    if (!backingOff && this.parkIfHostDown(entry, host, priority)) return
    const current = this.queuedAt(entry.slot)
    if (current && !ranksBefore(priority, order, current.priority, current.order)) return
    this.setQueuedAt(entry.slot, priority, order)
    if (backingOff) return
    this.queue.push(entry.slot, host, priority, order)
  }

  /**
   * Offline, a 10k sync queues ~180k images whose hosts are already known down: each is failed and
   * left for its host's probe the moment it is queued, instead of passing through the queue and a
   * download only to find that out (the same outcome, ~1.7 s of CPU later). A file already on disk
   * from before a crash still goes through the queue, to be adopted.
   */
  private parkIfHostDown(entry: ImageEntry, host: string, priority: PriorityClass): boolean {
    const down = this.hosts.downFor(host)
    if (!down || (this.entries.unadopted.size > 0 && this.entries.unadopted.has(entry.hash))) return false
    this.clearQueuedAt(entry.slot)
    entry.attempts++
    this.entries.setFailed(entry, down.reason, this.downDetail(host, down.detail), down.until, false)
    this.probes.park(host, entry.slot, down.until)
    if (priority === PRIORITY.visible) this.probes.prefer(host, entry.slot)
    return true
  }

  /** Best priority a queued image is wanted at (kept in the index's columns); older queue items at worse priorities are stale. */
  private queuedAt(slot: number): Pick<QueueItem, 'priority' | 'order'> | null {
    const store = this.entries.index!.store
    const priority = store.queuedPriority.get(slot)
    return priority === NOT_QUEUED ? null : { priority: priority as PriorityClass, order: store.queuedOrder.get(slot) }
  }

  private setQueuedAt(slot: number, priority: PriorityClass, order: number): void {
    const store = this.entries.index!.store
    store.queuedPriority.set(slot, priority)
    store.queuedOrder.set(slot, order)
  }

  private clearQueuedAt(slot: number): void {
    this.entries.index!.store.queuedPriority.set(slot, NOT_QUEUED)
  }

  requeueFailed(entry: ImageEntry, priority?: PriorityClass, order?: number): void {
    const ref = this.entries.tracking.refOf(entry)
    this.entries.setState(entry, 'pending')
    this.enqueue(entry, priority ?? ref?.priority ?? PRIORITY.related, order ?? ref?.order ?? 0)
  }

  /** The same text for a host's images while it stays down: the index keeps details by their text, and
   * a new string for each image had to be hashed again to find it. */
  private downDetail(host: string, why: string): string {
    const last = this.lastDownDetail
    if (last.host !== host || last.why !== why) this.lastDownDetail = { host, why, text: `${host} is not answering (${why})` }
    return this.lastDownDetail.text
  }

  /** A failed image is due again: queued, unless its host is down or being probed (it then waits for the probe). */
  requeueDue(entry: ImageEntry, priority?: PriorityClass, order?: number): void {
    if (!this.probes.admit(hostOf(entry.url), entry.slot)) this.requeueFailed(entry, priority, order)
  }

  /** The user sees a failed image whose host is down: it is the one sent when the host is tried again. */
  prefer(entry: ImageEntry): void {
    this.probes.prefer(hostOf(entry.url), entry.slot)
  }

  private requeueHeld(slot: number, seen: boolean): boolean {
    const entry = this.entries.index?.at(slot)
    if (!entry || entry.state !== 'failed' || this.entries.closed || !(this.entries.isTrackedOrAsked(entry) || entry.pinned)) return false
    if (seen) this.requeueFailed(entry, PRIORITY.visible, 0)
    else this.requeueFailed(entry)
    this.schedulePump()
    return true
  }

  schedulePump(): void {
    if (this.pumpScheduled || this.entries.closed) return
    this.pumpScheduled = true
    setImmediate(() => {
      this.pumpScheduled = false
      this.pump()
    })
  }

  /** The user's allow-private setting; true when it newly allows what was refused. */
  setAllowPrivate(allow: boolean): boolean {
    const newlyAllowed = allow && !this.allowPrivateSetting
    this.allowPrivateSetting = allow
    return newlyAllowed
  }

  /** Closing: the downloads in flight are aborted and nothing more starts. */
  stop(): void {
    this.closing.abort()
    this.retries.clear()
    this.probes.clear()
    this.queue.clear()
  }

  private isWanted(item: QueueItem): boolean {
    const entry = this.entries.index?.at(item.slot)
    if (!entry || (entry.state !== 'pending' && entry.state !== 'evicted')) return this.dropped(item)
    if (this.quickRetries.has(item.slot) || this.running.has(item.slot)) return false
    const best = this.queuedAt(item.slot)
    if (!best || ranksBefore(best.priority, best.order, item.priority, item.order)) return false
    return this.entries.isTrackedOrAsked(entry) || entry.pinned || this.dropped(item)
  }

  // A probe that will never run must not keep its host's images waiting.
  private dropped(item: QueueItem): false {
    this.probes.settled(item.host, item.slot)
    return false
  }

  private pump(): void {
    if (this.entries.closed) return
    for (let item = this.queue.take(); item; item = this.queue.take()) {
      const job = item
      this.clearQueuedAt(job.slot)
      const run = this.download(job)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(job.slot)
          this.queue.release(job)
          this.probes.settled(job.host, job.slot)
          this.schedulePump()
          this.settled()
        })
      this.running.set(job.slot, run)
    }
    this.settled()
  }

  private retryDue(slot: number): void {
    const entry = this.entries.index?.at(slot)
    const wasQuick = this.quickRetries.delete(slot)
    if (!entry || this.entries.closed) return
    if (wasQuick && entry.state === 'pending') {
      const wanted = this.queuedAt(slot) ?? { priority: PRIORITY.related, order: 0 }
      this.clearQueuedAt(slot)
      this.enqueue(entry, wanted.priority, wanted.order)
    } else if (entry.state === 'failed' && (entry.retryAt ?? 0) <= Date.now() && (this.entries.isTrackedOrAsked(entry) || entry.pinned)) {
      this.requeueDue(entry)
    }
    this.schedulePump()
    this.settled()
  }

  private async download(item: QueueItem): Promise<void> {
    const entries = this.entries
    const entry = entries.index!.at(item.slot)
    if (!entry || entry.state === 'cached') return
    if (item.priority !== PRIORITY.visible && this.room.backgroundBlocked && !entry.pinned) {
      entries.setFailed(entry, 'cache-full', 'the image cache is full', Date.now() + 60 * 60 * 1000)
      return
    }
    await entries.removals.get(entry.hash)
    // No stat before every attempt (8.6 s of lstat in a 10k sync): files on disk at start-up are known.
    if (entries.unadopted.has(entry.hash) && (await entries.adoptFile(entry.hash))) return
    const down = this.hosts.downFor(item.host)
    if (down) {
      entry.attempts++
      entries.setFailed(entry, down.reason, this.downDetail(item.host, down.detail), down.until, false)
      this.probes.park(item.host, entry.slot, down.until)
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
    if (entries.closed) {
      if (outcome.ok) await rm(outcome.tempPath, { force: true })
      return
    }
    if (outcome.ok || outcome.responded) this.hosts.responded(item.host)
    else if (!outcome.aborted && outcome.reason !== 'unsupported-url' && outcome.reason !== 'private-address') {
      // A probe sent after a down period speaks for the host: one silence is enough to wait again.
      this.hosts.noResponse(item.host, outcome.reason, outcome.detail, this.probes.isProbe(item.host, entry.slot))
    }
    if (!outcome.ok) {
      // Another Tidings sharing the cache (the CLI, say) may have stored it since start-up.
      if (!outcome.aborted && (await this.store.sizeOf(entry.hash)) !== null && (await entries.adoptFile(entry.hash))) return
      return this.failed(entry, item, outcome)
    }
    try {
      await this.store.commit(outcome.tempPath, entry.hash)
    } catch (error) {
      await rm(outcome.tempPath, { force: true }).catch(() => undefined)
      return this.failed(entry, item, { ok: false, reason: 'io-error', detail: (error as Error).message, retryable: true, responded: true })
    }
    entries.setCached(entry, outcome.mime, outcome.size)
    await this.room.makeRoomAfter(entry, item.priority)
  }

  private failed(entry: ImageEntry, item: QueueItem, outcome: Extract<FetchOutcome, { ok: false }>): void {
    if (outcome.aborted) return
    const attempts = entry.attempts + 1
    const now = Date.now()
    if (!outcome.retryable) {
      entry.attempts = attempts
      return this.entries.setFailed(entry, outcome.reason, outcome.detail, now + this.policy.permanentRetryMs)
    }
    const delay = backoffMs(this.policy, attempts, outcome.retryAfterMs ?? null)
    const maxPending = this.options.maxPendingRetryMs ?? 60_000
    if (attempts < this.policy.attemptsBeforeFailed && delay <= maxPending) {
      this.entries.setState(entry, 'pending', { attempts })
      const wanted = this.queuedAt(entry.slot)
      if (!wanted || !ranksBefore(wanted.priority, wanted.order, item.priority, item.order)) this.setQueuedAt(entry.slot, item.priority, item.order)
      this.quickRetries.add(entry.slot)
      this.retries.add(entry.slot, now + delay)
      return
    }
    entry.attempts = attempts
    this.entries.setFailed(entry, outcome.reason, outcome.detail, now + delay)
  }
}
