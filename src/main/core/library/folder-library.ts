// The main-side copy of one folder: a light index of its files (no card
// bodies) kept in step with the disk, and every step sent to the renderer as
// LibraryBatches. Operations run one at a time, in call order.
// Over 300 lines for a reason: sync, change rounds and lookups all read and write the one index under the
// one queue; the pure parts (change-round, file-index, copies) are already modules of their own.
import type { Stats } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import type { Card, CardError } from '../../../shared/card'
import type { LibraryBatch, ManifestEntry, SyncResult } from '../../../shared/contract'
import { readCardFile } from '../parse/parse-card'
import { isCardFileName, listCardFiles } from '../scan/list-files'
import { streamFolder, workersBesideThisThread, type ScanOptions } from '../scan/scan'
import { SMALL_CHUNK_WORKER_LIMITS } from '../scan/worker-pool'
import { DEFAULT_BATCH_SIZE, toBatches } from './batches'
import { runRound, type FileResult, type RoundChanges, type RoundOutput } from './change-round'
import { FileIndex } from './file-index'
import { toFileResult } from './first-cards'
import { inLanes } from './lanes'
import { SerialQueue } from '../../../shared/serial-queue'

export type SyncProgress = { phase: 'listing' | 'reading' | 'done'; done: number; total: number }

export interface FolderLibraryOptions {
  /** Absolute path of the folder. */
  folder: string
  /** Receives every batch, in seq order. */
  onBatch: (batch: LibraryBatch<Card>) => void
  onProgress?: (progress: SyncProgress) => void
  /** Gives each batch its seq; strictly increasing. */
  nextSeq?: () => number
  batchSize?: number
  /** Most bytes of card JSON in a batch (DEFAULT_BATCH_BYTES). */
  batchBytes?: number
  workers?: ScanOptions['workers']
  /** More files to read than this in one refresh go through a full scan (worker threads) instead. */
  rescanThreshold?: number
  /**
   * Resolves once the batches emitted so far have left the process (or a reader
   * is too slow to wait for). A sync waits on it between chunks, so a slow
   * renderer holds the reading back instead of queueing the folder in memory.
   */
  drain?: () => Promise<void>
  /**
   * The newest cards, read ahead while the page boots (readFirstCards). The first sync sends those the
   * page does not hold before it lists the folder; the scan then finds them known and unchanged.
   */
  firstCards?: Promise<FileResult[]>
}

/** What a refresh found, for the watcher and the retry logic. */
export interface RefreshResult {
  parsed: number
  /** Files that exist but could not be read (permission, lock): worth another try. */
  unreadable: CardError[]
  /** Sub-folders found in the refreshed paths, to be watched. */
  folders: string[]
  /** Refreshed names that no longer exist (files or folders), to stop watching. */
  missing: string[]
  batches: number
}

export interface RefreshOptions {
  /** Called with a folder found among the paths before it is listed: the time to start watching it, so nothing written meanwhile is missed. */
  beforeListing?: (folder: string) => Promise<void>
}

interface RefreshPlan {
  toRead: string[]
  gone: string[]
  /** Folders and links under a refreshed folder that could not be listed, as errors. */
  unlisted: FileResult[]
  folders: string[]
  missing: string[]
}

const READS_IN_FLIGHT = 8
/**
 * Files per chunk a sync reads (and per round trip to a scan worker). 50 real cards with long related lists
 * are about one batch (~1 MB of JSON); chunks of 250 kept ~25 MB of parsed cards alive per chunk, a few
 * chunks at once in each thread.
 */
const READ_CHUNK_FILES = 50
const STATS_IN_FLIGHT = 32
const RETRYABLE_CODES = new Set(['permission-denied', 'unreadable'])

/** A seq counter for one process. Seeded from the clock so a restarted process never reuses an earlier seq. */
export function createSeqCounter(): () => number {
  let seq = Date.now() * 1000
  return () => ++seq
}

export class FolderLibrary {
  readonly folder: string
  private readonly index = new FileIndex()
  private readonly options: FolderLibraryOptions
  private firstCards: Promise<FileResult[]> | undefined
  private readonly nextSeq: () => number
  private readonly queue = new SerialQueue()
  private hasSynced = false
  private closed = false
  /** The seq of the newest batch sent; a sync's result names it when the sync sent it. */
  private lastSentSeq: number | null = null
  /** Cuts a scan short when the library closes, so switching folders never waits for one. */
  private readonly stop = new AbortController()

  constructor(options: FolderLibraryOptions) {
    this.options = options
    this.firstCards = options.firstCards
    this.folder = options.folder
    this.nextSeq = options.nextSeq ?? createSeqCounter()
  }

  /** True once a sync has given the index a baseline; changes before that are not tracked. */
  get synced(): boolean {
    return this.hasSynced
  }

  get fileCount(): number {
    return this.index.size
  }

  manifest(): ManifestEntry[] {
    return this.index.manifest()
  }

  /** The files that give this card id, as far as the index knows (read beside the queue, never waiting on it). */
  pathsOf(id: string): readonly string[] {
    return this.index.pathsOf(id)
  }

  /**
   * Takes the renderer's manifest as what it holds, then brings it in line with
   * the disk: unchanged files are not read. Throws FolderUnusableError when the folder is gone.
   */
  sync(manifest: Iterable<ManifestEntry>): Promise<SyncResult> {
    return this.serial(async () => {
      const started = performance.now()
      this.index.resetFrom(manifest)
      this.hasSynced = true
      try {
        return await this.scanAndApply(await this.takeFirstCards())
      } catch (error) {
        // Closed mid-scan (another folder was opened): the renderer keeps what it got.
        if (this.closed) return this.result(0, 0, 0, performance.now() - started, null)
        throw error
      }
    })
  }

  /** A sync that trusts the index itself as the manifest (after a watcher gap). */
  resync(): Promise<SyncResult> {
    return this.serial(async () => {
      try {
        return await this.scanAndApply()
      } catch (error) {
        if (this.closed) return this.result(0, 0, 0, 0, null)
        throw error
      }
    })
  }

  /** Adopts a manifest without touching the disk (the folder is unavailable). */
  adopt(manifest: Iterable<ManifestEntry>): Promise<SyncResult> {
    return this.serial(async () => {
      const started = performance.now()
      this.index.resetFrom(manifest)
      this.hasSynced = true
      return this.result(0, this.index.size, 0, performance.now() - started, null)
    })
  }

  /**
   * Re-checks paths (relative, `/` separators) that the watcher saw change:
   * files, folders, or names that are gone. Reads only what differs from the index.
   */
  refresh(paths: Iterable<string>, options: RefreshOptions = {}): Promise<RefreshResult> {
    return this.serial(async () => {
      const plan = await this.planRefresh(paths, options)
      if (plan.toRead.length > (this.options.rescanThreshold ?? 2000)) {
        const sync = await this.scanAndApply()
        return { parsed: sync.parsed, unreadable: [], folders: plan.folders, missing: plan.missing, batches: 0 }
      }
      const read = await this.readMany(plan.toRead)
      const out = await this.round({ read: [...read, ...plan.unlisted], gone: plan.gone })
      const unreadable = read.flatMap((file) => (file.error !== null && RETRYABLE_CODES.has(file.error.code) ? [file.error] : []))
      return { parsed: read.length + out.rereads, unreadable, folders: plan.folders, missing: plan.missing, batches: this.emit(out) }
    })
  }

  /** Sends nothing more; operations in flight finish quietly. */
  close(): Promise<void> {
    this.closed = true
    this.stop.abort()
    return this.idle()
  }

  /** Resolves when every operation queued so far has finished. */
  idle(): Promise<void> {
    return this.serial(async () => undefined)
  }

  /** The cards read ahead that the index (the page's manifest) lacks or holds another version of; once. */
  private async takeFirstCards(): Promise<FileResult[]> {
    const pending = this.firstCards
    if (pending === undefined) return []
    this.firstCards = undefined
    const files = await pending.catch(() => [])
    return files.filter((file) => {
      const record = this.index.get(file.path)
      return !record || record.errorKey !== null || record.size !== file.size || record.mtimeMs !== file.mtimeMs
    })
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task)
  }

  /**
   * Streams the folder through the index: each chunk of files read is one
   * round, sent as batches at once and then let go, so no more than a few
   * chunks of cards are ever held. Chunks come newest file names first, so the
   * first rows show long before the last file is read. Two copies of one card
   * may come in different chunks; the round of the later one settles the card
   * (re-reading the winner when only its alias list changed).
   */
  private async scanAndApply(readAhead: FileResult[] = []): Promise<SyncResult> {
    const started = performance.now()
    const sentBefore = this.lastSentSeq
    const onProgress = this.options.onProgress
    let parsed = 0
    if (readAhead.length > 0) {
      const out = await this.round({ read: readAhead, gone: [] })
      parsed += readAhead.length + out.rereads
      await this.send(out)
    }
    const sentAhead = new Set(readAhead.map((file) => file.path))
    const summary = await streamFolder(this.folder, {
      // Nothing known (a first open): no manifest check to make.
      known: this.index.size > 0 ? this.index : undefined,
      workers: this.options.workers ?? 'auto',
      // This thread settles rounds, weighs batches and serialises them for the page: a core's work of its own.
      // One worker reads ~1,000 cards/s, far more than a page stores (~50 cards/s), and an isolate fewer saves 40-50 MB.
      autoWorkers: workersBesideThisThread(),
      chunkSize: Math.min(this.options.batchSize ?? DEFAULT_BATCH_SIZE, READ_CHUNK_FILES),
      workerLimits: SMALL_CHUNK_WORKER_LIMITS,
      signal: this.stop.signal,
      onProgress: onProgress && ((progress) => onProgress(progress)),
      onListed: async ({ removed, errors }) => {
        // A folder or link that cannot be listed has no file to read, but it takes a manifest entry
        // like a broken file: a renderer restarted after it was fixed then learns to drop its error.
        const unlisted = errors.map((error): FileResult => ({ path: error.path, size: 0, mtimeMs: 0, card: null, error }))
        const stillUnlisted = new Set(unlisted.map((file) => file.path))
        const out = await this.round({ read: unlisted, gone: removed.filter((path) => !stillUnlisted.has(path)) })
        parsed += out.rereads
        await this.send(out)
      },
      onFiles: async (files) => {
        const out = await this.round({ read: files, gone: [] })
        parsed += files.length + out.rereads
        await this.send(out)
      }
    })
    onProgress?.({ phase: 'done', done: this.index.idCount, total: this.index.idCount })
    const unchanged = summary.unchanged.filter((path) => !sentAhead.has(path)).length
    const lastSeq = this.lastSentSeq === sentBefore ? null : this.lastSentSeq
    return this.result(parsed, unchanged, summary.removed.length, performance.now() - started, lastSeq)
  }

  private result(parsed: number, unchanged: number, removed: number, durationMs: number, lastSeq: number | null): SyncResult {
    return {
      folder: this.folder,
      cards: this.index.idCount,
      files: this.index.size,
      errors: this.index.errorCount,
      parsed,
      unchanged,
      removed,
      durationMs,
      lastSeq
    }
  }

  private round(changes: RoundChanges): Promise<RoundOutput> {
    return runRound(this.index, changes, async (path) => toFileResult(await readCardFile(this.folder, path)))
  }

  private emit(out: RoundOutput): number {
    let sent = 0
    for (const batch of this.batchesOf(out)) if (this.deliver(batch)) sent++
    return sent
  }

  /**
   * Emits a round one batch at a time, waiting after each until the events have left, so neither the
   * round's later batches nor the next chunk pile up behind a slow page.
   */
  private async send(out: RoundOutput): Promise<void> {
    for (const batch of this.batchesOf(out)) {
      if (!this.deliver(batch)) return
      // A failing drain only means no waiting: it never fails the sync.
      await this.options.drain?.().catch(() => undefined)
    }
  }

  private batchesOf(out: RoundOutput): LibraryBatch<Card>[] {
    return toBatches(this.folder, out, { cards: this.options.batchSize, bytes: this.options.batchBytes })
  }

  /** Gives the batch its seq and sends it; false once the library is closed. */
  private deliver(batch: LibraryBatch<Card>): boolean {
    if (this.closed) return false
    batch.seq = this.nextSeq()
    this.lastSentSeq = batch.seq
    this.options.onBatch(batch)
    return true
  }

  private readMany(paths: string[]): Promise<FileResult[]> {
    return inLanes(paths, READS_IN_FLIGHT, async (path) => toFileResult(await readCardFile(this.folder, path)))
  }

  private async planRefresh(paths: Iterable<string>, options: RefreshOptions): Promise<RefreshPlan> {
    const toRead = new Set<string>()
    const gone = new Set<string>()
    const plan: RefreshPlan = { toRead: [], gone: [], unlisted: [], folders: [], missing: [] }
    const checked = await inLanes([...new Set(paths)], STATS_IN_FLIGHT, async (path) => ({ path, ...(await statOrCode(join(this.folder, path))) }))
    for (const { path, info, code } of checked) {
      if (info === null) {
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          plan.missing.push(path)
          for (const known of this.index.pathsUnder(path)) gone.add(known)
        } else if (isCardFileName(baseName(path))) toRead.add(path)
      } else if (info.isDirectory()) {
        plan.folders.push(path)
        await options.beforeListing?.(path)
        const listing = await this.listUnder(path)
        // Unlistable meanwhile: the next event or sync sorts it out.
        if (listing === null) continue
        plan.unlisted.push(...listing.errors.map((error): FileResult => ({ path: error.path, size: 0, mtimeMs: 0, card: null, error })))
        const kept = new Set([...listing.files, ...listing.errors.map((error) => error.path)])
        for (const known of this.index.pathsUnder(path)) if (!kept.has(known)) gone.add(known)
        const changed = await inLanes([...listing.files], STATS_IN_FLIGHT, async (file) => ((await this.differs(file)) ? file : null))
        for (const file of changed) if (file !== null) toRead.add(file)
      } else if (info.isFile() && isCardFileName(baseName(path))) {
        const record = this.index.get(path)
        if (!record || record.errorKey !== null || record.size !== info.size || record.mtimeMs !== info.mtimeMs) toRead.add(path)
      }
    }
    return { ...plan, toRead: [...toRead], gone: [...gone] }
  }

  /** Card files (and what could not be listed) under a sub-folder, relative to the library's folder. Null when it cannot be listed. */
  private async listUnder(dir: string): Promise<{ files: string[]; errors: CardError[] } | null> {
    const absolute = join(this.folder, dir)
    try {
      const [real, rootReal] = await Promise.all([realpath(absolute), realpath(this.folder)])
      // As in the scan, a link to a folder inside this one adds nothing: its cards have their own paths.
      if (dir !== '' && real !== join(rootReal, dir) && (real === rootReal || real.startsWith(rootReal + sep))) return { files: [], errors: [] }
      const listing = await listCardFiles(absolute, real)
      const prefix = dir === '' ? '' : `${dir}/`
      return { files: listing.files.map((file) => prefix + file), errors: listing.errors.map((error) => ({ ...error, path: prefix + error.path })) }
    } catch {
      return null
    }
  }

  private async differs(path: string): Promise<boolean> {
    const record = this.index.get(path)
    if (!record || record.errorKey !== null) return true
    const info = await stat(join(this.folder, path)).catch(() => null)
    return info === null || info.size !== record.size || info.mtimeMs !== record.mtimeMs
  }
}

async function statOrCode(path: string): Promise<{ info: Stats | null; code?: string }> {
  try {
    return { info: await stat(path) }
  } catch (error) {
    return { info: null, code: (error as NodeJS.ErrnoException).code }
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
