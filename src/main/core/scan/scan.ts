// Scans a folder of cards: lists it, skips what the manifest already knows,
// reads the rest (in worker threads when there are many), and groups the
// cards, merging copies (files sharing one id). One bad file is an error for that file alone.
import { availableParallelism } from 'node:os'
import { realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ResourceLimits } from 'node:worker_threads'
import type { Card, CardError } from '../../../shared/card'
import type { ManifestEntry } from '../../../shared/contract'
import { FolderUnusableError, folderUnusableReason, statFolder } from '../folders'
import { readFailure } from '../parse/parse-card'
import { listCardFiles } from './list-files'
import { resolveCopies } from './copies'
import { readFiles, type ScannedFile } from './read-files'
import { CHUNK_SIZE, chunksOf, findWorkerScript, readWithWorkers } from './worker-pool'

export interface ScanOptions {
  /** What is already known: files whose size and mtime match are not read again. */
  manifest?: Iterable<ManifestEntry>
  /** Worker threads to parse with; 'auto' uses every core when the folder is large. 0 reads in this thread. */
  workers?: number | 'auto'
  onProgress?: (progress: { phase: 'listing' | 'reading'; done: number; total: number }) => void
  signal?: AbortSignal
  /** The built scan-worker.js; found beside the bundle when not given. */
  workerScript?: URL
  /** Heap limits for each scan worker (none: V8's defaults). */
  workerLimits?: ResourceLimits
  /**
   * Cards read by a worker, or by this thread reading alongside them (readHereToo), come as their JSON line
   * (ScannedFile.line, card null), each made as soon as its card is read, for a taker that only prints them;
   * other files read in this thread (a small folder, the first chunk, a worker that died) still carry cards.
   */
  lines?: boolean
  /**
   * This thread reads alongside the workers, with blocking reads: for a process with nothing else to do
   * meanwhile (the CLI). Each worker isolate costs 40-50 MB of memory.
   */
  readHereToo?: boolean
  /** How many workers 'auto' starts for a large folder (availableParallelism()). */
  autoWorkers?: number
}

/** One worker per core but this thread's: for a scan whose own thread has a core's work of its own (reading, or sending what is read). */
export function workersBesideThisThread(): number {
  return Math.max(1, availableParallelism() - 1)
}

/** What is already known of a folder's files, by path: a Map of manifest entries will do. */
export interface KnownFiles {
  get(path: string): { size: number; mtimeMs: number } | undefined
  keys(): Iterable<string>
}

export interface StreamOptions extends Omit<ScanOptions, 'manifest'> {
  /** Files whose size and mtime match are not read again. Looked up, not copied, and only before the first file is read. */
  known?: KnownFiles
  /**
   * Takes each chunk of files read, newest file names first (names start with
   * the date). Awaited, one call at a time: a slow taker slows the reading
   * rather than letting read cards pile up. The scan keeps nothing it hands over.
   */
  onFiles: (files: ScannedFile[]) => void | Promise<void>
  /** Called once, after the listing and the manifest check and before any file is read. */
  onListed?: (listing: ListedFolder) => void | Promise<void>
  /** Files per chunk (and per round trip to a worker). */
  chunkSize?: number
}

export interface ListedFolder {
  /** Manifest paths no longer on disk. */
  removed: string[]
  /** Folders and links that could not be listed, symlink loops and broken links: no file stands for them. */
  errors: CardError[]
  /** Files about to be read. */
  toRead: number
  /** Manifest entries whose file is unchanged. */
  unchanged: number
}

export interface StreamSummary {
  folder: string
  /** Files handed to onFiles. */
  read: number
  /** Known paths whose file is unchanged (not read), sorted. */
  unchanged: string[]
  removed: string[]
  listingErrors: CardError[]
  durationMs: number
}

/** All files with one id: the winner's card plus the other paths as aliases. */
export interface CardCopies {
  id: string
  card: Card
  paths: string[]
}

export interface ScanResult {
  folder: string
  /** Files read and parsed now. */
  scanned: ScannedFile[]
  /** Manifest entries whose file is unchanged (not read). */
  unchanged: ManifestEntry[]
  /** Manifest paths no longer on disk. */
  removed: string[]
  /** Winning card of every id among the scanned files, with `aliases` filled in. */
  cards: Card[]
  /** Each card with every file that holds a copy of it, winner first. */
  copies: CardCopies[]
  /** Per-file errors, including listing errors (symlink loops, unreadable folders). */
  errors: CardError[]
  durationMs: number
}

/** With 'auto', folders with fewer files to read than this stay in one thread: starting workers costs more. */
export { FolderUnusableError, folderUnusableReason } from '../folders'

export const WORKER_THRESHOLD = 2000
const STATS_IN_FLIGHT = 32

/** Reads the whole folder and returns every card at once (the CLI, tests). The app streams instead: see streamFolder. */
export async function scanFolder(folder: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now()
  const read: ScannedFile[] = []
  const known = new Map<string, ManifestEntry>()
  for (const entry of options.manifest ?? []) known.set(entry.path, entry)
  const { manifest, ...rest } = options
  const summary = await streamFolder(folder, { ...rest, known: manifest && known, onFiles: (files) => void read.push(...files) })
  const scanned = read.sort(byPath)
  const { cards, copies } = groupCopies(scanned)
  const errors = [...summary.listingErrors, ...scanned.flatMap((file) => (file.error === null ? [] : [file.error]))].sort(byPath)
  const unchanged = summary.unchanged.map((path) => known.get(path)!)
  return { folder, scanned, unchanged, removed: summary.removed, cards, copies, errors, durationMs: performance.now() - started }
}

/**
 * Lists the folder, skips what the manifest already knows, and hands the rest
 * over in chunks as they are read. Copies are left to the taker: two files
 * with one id may come in different chunks.
 */
export async function streamFolder(folder: string, options: StreamOptions): Promise<StreamSummary> {
  const started = performance.now()
  const rootReal = await openFolder(folder)

  const { toRead, unchanged, removed, statFailures, listingErrors } = await listToRead(folder, rootReal, options)
  await options.onListed?.({ removed, errors: listingErrors, toRead: toRead.length, unchanged: unchanged.length })

  let read = 0
  const take = async (files: ScannedFile[]): Promise<void> => {
    read += files.length
    await options.onFiles(files)
  }
  if (statFailures.length > 0) await take(statFailures)
  await readAll(folder, toRead, options, take)
  return { folder, read, unchanged, removed, listingErrors, durationMs: performance.now() - started }
}

/** The files to read, newest names first. */
async function listToRead(folder: string, rootReal: string, options: StreamOptions) {
  const { signal, onProgress } = options
  let listing
  try {
    listing = await listCardFiles(folder, rootReal, signal)
  } catch (error) {
    signal?.throwIfAborted()
    throw new FolderUnusableError(folder, folderUnusableReason(error))
  }
  onProgress?.({ phase: 'listing', done: listing.files.length, total: listing.files.length })
  const { toRead, ...compared } = await compareWithKnown(folder, listing.files, options.known, signal)
  return { ...compared, toRead: newestNamesFirst(toRead), listingErrors: listing.errors }
}

async function openFolder(folder: string): Promise<string> {
  await statFolder(folder)
  try {
    return await realpath(folder)
  } catch (error) {
    throw new FolderUnusableError(folder, folderUnusableReason(error))
  }
}

interface Comparison {
  toRead: string[]
  unchanged: string[]
  removed: string[]
  /** Files listed but gone or unreadable by the time they were stat'ed. */
  statFailures: ScannedFile[]
}

async function compareWithKnown(folder: string, files: string[], known: KnownFiles | undefined, signal?: AbortSignal): Promise<Comparison> {
  if (known === undefined) return { toRead: files, unchanged: [], removed: [], statFailures: [] }
  const listed = new Set(files)
  const removed: string[] = []
  for (const path of known.keys()) if (!listed.has(path)) removed.push(path)
  removed.sort()

  const toRead: string[] = []
  const unchanged: string[] = []
  const statFailures: ScannedFile[] = []
  const candidates: string[] = []
  for (const path of files) (known.get(path) === undefined ? toRead : candidates).push(path)

  let next = 0
  const lane = async () => {
    while (next < candidates.length) {
      signal?.throwIfAborted()
      const path = candidates[next++]
      const entry = known.get(path)!
      try {
        const info = await stat(join(folder, path))
        if (info.size === entry.size && info.mtimeMs === entry.mtimeMs) unchanged.push(path)
        else toRead.push(path)
      } catch (error) {
        const outcome = readFailure(path, error)
        statFailures.push({ path, size: 0, mtimeMs: 0, card: null, error: outcome.ok ? null : outcome.error })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, candidates.length) }, lane))
  unchanged.sort()
  return { toRead, unchanged, removed, statFailures }
}

async function readAll(folder: string, paths: string[], options: StreamOptions, take: (files: ScannedFile[]) => Promise<void>): Promise<void> {
  const chunkSize = Math.max(1, options.chunkSize ?? CHUNK_SIZE)
  let done = 0
  const total = paths.length
  const progress = (count: number) => {
    done += count
    options.onProgress?.({ phase: 'reading', done, total })
  }
  const workerCount = workersFor(paths.length, options.workers ?? 'auto', options.autoWorkers ?? availableParallelism())
  const script = workerCount > 0 ? (options.workerScript ?? findWorkerScript()) : null
  if (script !== null) {
    const takeChunk = async (files: ScannedFile[]) => {
      progress(files.length)
      await take(files)
    }
    return readWithWorkers(script, workerCount, folder, paths, takeChunk, { signal: options.signal, chunkSize, resourceLimits: options.workerLimits, lines: options.lines, readHereToo: options.readHereToo })
  }
  for (const chunk of chunksOf(paths, chunkSize)) await take(await readFiles(folder, chunk, () => progress(1), options.signal))
}

/** File names start with the date, so the newest names are (nearly always) the newest cards: they go first. */
export function newestNamesFirst(paths: string[]): string[] {
  const named = paths.map((path) => ({ path, name: path.slice(path.lastIndexOf('/') + 1) }))
  named.sort((a, b) => (a.name > b.name ? -1 : a.name < b.name ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return named.map((entry) => entry.path)
}

function workersFor(filesToRead: number, workers: number | 'auto', autoWorkers: number): number {
  if (filesToRead === 0) return 0
  if (workers === 'auto') return filesToRead > WORKER_THRESHOLD ? Math.max(1, autoWorkers) : 0
  return Math.max(0, Math.floor(workers))
}

function groupCopies(scanned: ScannedFile[]): { cards: Card[]; copies: CardCopies[] } {
  const entries = scanned.flatMap((file) =>
    file.card === null ? [] : [{ path: file.path, id: file.card.id, publishedAtMs: file.card.publishedAtMs, mtimeMs: file.mtimeMs, card: file.card }]
  )
  const copies: CardCopies[] = []
  for (const group of resolveCopies(entries).values()) {
    const aliases = group.aliases.map((alias) => alias.path)
    const card: Card = { ...group.winner.card, aliases }
    copies.push({ id: group.id, card, paths: [group.winner.path, ...aliases] })
  }
  copies.sort((a, b) => newestFirst(a.card, b.card))
  return { cards: copies.map((group) => group.card), copies }
}

function newestFirst(a: Card, b: Card): number {
  const byDate = (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity)
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

function byPath<T extends { path: string }>(a: T, b: T): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}
