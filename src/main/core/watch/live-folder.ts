// A folder kept live: the library's index, the watcher feeding it, and the
// folder's availability. Everything that goes wrong here (the folder vanishing,
// a watcher error, an unreadable file) becomes an event and a retry; nothing
// throws out of the watcher callbacks and nothing stalls.
// Over 300 lines for a reason: availability, watcher retries and the library are one state machine; the
// watcher itself (folder-watcher) and the library (folder-library) are already their own modules.
import type { Card, CardError } from '../../../shared/card'
import type { CardLookup, ManifestEntry, SyncResult, TidingsEvent } from '../../../shared/contract'
import { readOneCard } from '../library/read-one-card'
import { FolderLibrary, type FolderLibraryOptions, type SyncProgress } from '../library/folder-library'
import { FolderUnusableError, statFolder } from '../folders'
import { FolderWatcher, type FolderWatcherOptions, type WatchProblem } from './folder-watcher'
import { messageOf } from '../../../shared/errors'

export interface LiveFolderOptions extends Pick<FolderLibraryOptions, 'nextSeq' | 'batchSize' | 'batchBytes' | 'workers' | 'rescanThreshold' | 'drain' | 'firstCards'> {
  /** Absolute folder path. */
  folder: string
  emit: (event: TidingsEvent<Card>) => void
  /** How often the folder's presence is checked (and, when gone, polled for its return). */
  pollMs?: number
  debounceMs?: number
  maxWaitMs?: number
  /** Waits before re-reading a file that could not be read (permission, lock). */
  unreadableRetryMs?: number[]
  /** Waits before restarting a failed watcher; the last one repeats. */
  watcherRetryMs?: number[]
  /** A burst of at least this many names gets a full re-check once quiet (events can be lost in a flood). */
  verifyAfterBurst?: number
  /** Builds the watcher; tests wrap the real one to inject faults. */
  createWatcher?: (options: FolderWatcherOptions) => FolderWatcher
}

interface RootIdentity {
  dev: number
  ino: number
}

type RootCheck = { ok: true; identity: RootIdentity } | { ok: false; reason: string }

const WATCHER_HEALTHY_MS = 60_000
const MISSING_REASON = 'the folder is missing: deleted, moved, or on a drive that is not connected'

async function checkRoot(folder: string): Promise<RootCheck> {
  try {
    const info = await statFolder(folder)
    return { ok: true, identity: { dev: info.dev, ino: info.ino } }
  } catch (error) {
    // Worded for a folder that was there a moment ago.
    const code = (error as FolderUnusableError).code
    if (code === 'not-a-folder') return { ok: false, reason: 'it is no longer a folder' }
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'permission denied' }
    return { ok: false, reason: MISSING_REASON }
  }
}

const sameRoot = (a: RootIdentity | null, b: RootIdentity): boolean => a !== null && a.dev === b.dev && a.ino === b.ino
const seconds = (ms: number): string => `${ms / 1000} s`

/** Progress at most every 100 ms (a scan reports every file), but always each phase's start and end. */
function throttleProgress(send: (progress: SyncProgress) => void, everyMs = 100): (progress: SyncProgress) => void {
  let lastPhase: SyncProgress['phase'] | null = null
  let lastAt = 0
  return (progress) => {
    const now = performance.now()
    if (progress.phase === lastPhase && progress.done < progress.total && now - lastAt < everyMs) return
    lastPhase = progress.phase
    lastAt = now
    send(progress)
  }
}

export class LiveFolder {
  readonly folder: string
  private readonly options: LiveFolderOptions
  private readonly library: FolderLibrary
  private watcher: FolderWatcher | null = null
  private root: RootIdentity | null = null
  private isAvailable = true
  private pending = new Set<string>()
  private draining: Promise<void> | null = null
  private closed = false
  private pollTimer: NodeJS.Timeout | null = null
  private checking = false
  private watcherRetry: NodeJS.Timeout | null = null
  private watcherFailures = 0
  private watcherHealthySince = 0
  private verifyTimer: NodeJS.Timeout | null = null
  private readonly retryTimers = new Map<string, NodeJS.Timeout>()
  private readonly retryAttempts = new Map<string, number>()

  constructor(options: LiveFolderOptions) {
    this.options = options
    this.folder = options.folder
    this.library = new FolderLibrary({
      folder: options.folder,
      nextSeq: options.nextSeq,
      batchSize: options.batchSize,
      batchBytes: options.batchBytes,
      workers: options.workers,
      rescanThreshold: options.rescanThreshold,
      drain: options.drain,
      firstCards: options.firstCards,
      onBatch: (batch) => this.emit({ type: 'batch', batch }),
      onProgress: throttleProgress((progress) => this.emit({ type: 'sync-progress', folder: this.folder, ...progress }))
    })
  }

  get available(): boolean {
    return this.isAvailable
  }

  /** Starts watching (or, when the folder is missing, polling for it). */
  async start(): Promise<void> {
    const root = await checkRoot(this.folder)
    if (root.ok) {
      this.root = root.identity
      await this.startWatcher()
    } else {
      this.goUnavailable(root.reason)
    }
    this.pollTimer = setInterval(() => void this.checkAvailability(), this.options.pollMs ?? 1000)
    this.pollTimer.unref()
  }

  /** The renderer's manifest in, batches out until it matches the disk. */
  async sync(manifest: Iterable<ManifestEntry>): Promise<SyncResult> {
    const entries = [...manifest]
    const root = await checkRoot(this.folder)
    if (!root.ok) return this.adoptWhileAway(entries, root.reason)
    try {
      return await this.library.sync(entries)
    } catch (error) {
      if (error instanceof FolderUnusableError) return this.adoptWhileAway(entries, error.reason)
      throw error
    } finally {
      void this.drain()
    }
  }

  manifest(): ManifestEntry[] {
    return this.library.manifest()
  }

  /** One card from its files now, beside any sync; `pathHint` (already checked safe) is where the renderer saw it. */
  lookupCard(id: string, pathHint: string | null): Promise<CardLookup> {
    if (!this.isAvailable) return Promise.resolve({ state: 'unknown', reason: 'the folder is not reachable' })
    const candidates = [...this.library.pathsOf(id), ...(pathHint === null ? [] : [pathHint])]
    if (candidates.length === 0 && !this.library.synced) return Promise.resolve({ state: 'unknown', reason: 'the folder has not been read yet' })
    return readOneCard(this.folder, id, candidates)
  }

  /** Resolves once the changes seen so far are processed and sent. */
  async settled(): Promise<void> {
    while (this.draining || (this.pending.size > 0 && this.canDrain())) {
      await (this.draining ?? this.drain())
    }
    await this.library.idle()
  }

  async close(): Promise<void> {
    this.closed = true
    this.watcher?.close()
    this.watcher = null
    for (const timer of [this.pollTimer, this.watcherRetry, this.verifyTimer, ...this.retryTimers.values()]) if (timer) clearTimeout(timer)
    this.retryTimers.clear()
    await this.library.close().catch(() => undefined)
    await this.draining
  }

  private emit(event: TidingsEvent<Card>): void {
    if (!this.closed) this.options.emit(event)
  }

  private async adoptWhileAway(manifest: ManifestEntry[], reason: string): Promise<SyncResult> {
    const result = await this.library.adopt(manifest)
    this.goUnavailable(reason)
    return result
  }

  private async startWatcher(): Promise<void> {
    this.watcher?.close()
    const create = this.options.createWatcher ?? ((watcherOptions: FolderWatcherOptions) => new FolderWatcher(watcherOptions))
    const watcher = create({
      root: this.folder,
      debounceMs: this.options.debounceMs,
      maxWaitMs: this.options.maxWaitMs,
      onChanges: (paths) => {
        for (const path of paths) this.pending.add(path)
        if (paths.length >= (this.options.verifyAfterBurst ?? 1000)) this.scheduleVerify()
        void this.drain()
      },
      onError: (problem) => this.onWatchError(problem)
    })
    this.watcher = watcher
    try {
      await watcher.start()
      this.watcherHealthySince = performance.now()
    } catch (error) {
      watcher.close()
      if (this.watcher === watcher) this.watcher = null
      this.onWatchError({ code: (error as NodeJS.ErrnoException).code, message: `Cannot watch ${this.folder}: ${messageOf(error)}` })
    }
  }

  private onWatchError(problem: WatchProblem): void {
    // One report per restart: a system out of watches fails for every sub-folder at once.
    if (this.closed || this.watcherRetry) return
    this.emit({ type: 'watch-error', folder: this.folder, ...(problem.path ? { path: problem.path } : {}), message: problem.message })
    // The backoff starts over only after a good while without trouble.
    if (performance.now() - this.watcherHealthySince > WATCHER_HEALTHY_MS) this.watcherFailures = 0
    const delays = this.options.watcherRetryMs ?? [1000, 2000, 5000, 10000, 30000]
    const delay = delays[Math.min(this.watcherFailures, delays.length - 1)]
    this.watcherFailures++
    this.watcherRetry = setTimeout(() => {
      this.watcherRetry = null
      void this.restart()
    }, delay)
  }

  /** New watches, then a full re-check against the index: whatever happened meanwhile is caught up. */
  private async restart(): Promise<void> {
    if (this.closed || !this.isAvailable) return
    await this.startWatcher()
    await this.resync()
  }

  private async resync(): Promise<void> {
    if (this.closed || !this.library.synced) return
    try {
      await this.library.resync()
    } catch (error) {
      if (error instanceof FolderUnusableError) return this.goUnavailable(error.reason)
      this.onWatchError({ message: `Re-checking ${this.folder} failed: ${messageOf(error)}` })
    }
  }

  private goUnavailable(reason: string): void {
    if (this.closed) return
    this.watcher?.close()
    this.watcher = null
    this.pending.clear()
    if (!this.isAvailable) return
    this.isAvailable = false
    this.emit({ type: 'folder-status', folder: this.folder, available: false, reason })
  }

  private async checkAvailability(): Promise<void> {
    if (this.closed || this.checking) return
    this.checking = true
    try {
      const root = await checkRoot(this.folder)
      if (this.closed) return
      if (!root.ok) {
        if (this.isAvailable) this.goUnavailable(root.reason)
        return
      }
      if (!this.isAvailable) {
        this.isAvailable = true
        this.root = root.identity
        this.emit({ type: 'folder-status', folder: this.folder, available: true })
        await this.restart()
      } else if (!sameRoot(this.root, root.identity)) {
        // Replaced in place (restored, remounted): the old watches see a folder that is gone.
        this.root = root.identity
        await this.restart()
      }
    } finally {
      this.checking = false
    }
  }

  private canDrain(): boolean {
    return !this.closed && this.isAvailable && this.library.synced
  }

  private drain(): Promise<void> {
    if (this.draining || !this.canDrain()) return this.draining ?? Promise.resolve()
    this.draining = this.drainLoop().finally(() => {
      this.draining = null
    })
    return this.draining
  }

  private async drainLoop(): Promise<void> {
    while (this.pending.size > 0 && this.canDrain()) {
      // A vanished or replaced root explains the whole burst (an unmount, a delete): keep what we have.
      const root = await checkRoot(this.folder)
      if (!root.ok) return this.goUnavailable(root.reason)
      if (!sameRoot(this.root, root.identity)) return void this.checkAvailability()
      const paths = [...this.pending]
      this.pending.clear()
      try {
        const result = await this.library.refresh(paths, {
          // A folder that appeared is watched before it is listed, so a file written meanwhile is not missed.
          beforeListing: async (folder) => {
            this.watcher?.unwatchTree(folder)
            await this.watcher?.watchTree(folder)
          }
        })
        // A folder moved away keeps its watch on the moved inode: drop it, so its old name can be watched anew.
        for (const path of result.missing) this.watcher?.unwatchTree(path)
        this.scheduleRetries(paths, result.unreadable)
      } catch (error) {
        for (const path of paths) this.pending.add(path)
        this.onWatchError({ message: `Reading changes in ${this.folder} failed: ${messageOf(error)}` })
        return
      }
    }
  }

  /** A file that exists but cannot be read (permission, a lock) is tried again a few times, visibly. */
  private scheduleRetries(checked: string[], unreadable: CardError[]): void {
    const failed = new Map(unreadable.map((error) => [error.path, error]))
    for (const path of checked) if (!failed.has(path)) this.retryAttempts.delete(path)
    const delays = this.options.unreadableRetryMs ?? [500, 2000, 8000]
    for (const [path, error] of failed) {
      if (this.retryTimers.has(path)) continue
      const attempt = this.retryAttempts.get(path) ?? 0
      if (attempt >= delays.length) {
        if (attempt === delays.length) this.emit({ type: 'watch-error', folder: this.folder, path, message: `Cannot read ${path}: ${error.message}. It will be read again when it changes.` })
        // Past the last retry the error stays visible; the file's next event tries again.
        this.retryAttempts.set(path, attempt + 1)
        continue
      }
      this.retryAttempts.set(path, attempt + 1)
      this.emit({ type: 'watch-error', folder: this.folder, path, message: `Cannot read ${path}: ${error.message}. Trying again in ${seconds(delays[attempt])}.` })
      const timer = setTimeout(() => {
        this.retryTimers.delete(path)
        this.pending.add(path)
        void this.drain()
      }, delays[attempt])
      timer.unref()
      this.retryTimers.set(path, timer)
    }
  }

  private scheduleVerify(): void {
    if (this.verifyTimer) clearTimeout(this.verifyTimer)
    this.verifyTimer = setTimeout(async () => {
      this.verifyTimer = null
      await this.drain()
      if (this.pending.size > 0 || this.draining) return this.scheduleVerify()
      await this.resync()
    }, 1000)
    this.verifyTimer.unref()
  }
}
