// Scans a folder of cards: lists it, skips what the manifest already knows,
// reads the rest (in worker threads when there are many), and groups the
// cards into stories. One bad file is an error for that file alone.
import { availableParallelism } from 'node:os'
import { realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Card, CardError } from '../../../shared/card'
import type { ManifestEntry } from '../../../shared/contract'
import { readFailure } from '../parse/parse-card'
import { listCardFiles } from './list-files'
import { readFiles } from './read-files'
import { resolveStories } from './stories'
import { findWorkerScript, readWithWorkers } from './worker-pool'

export interface ScanOptions {
  /** What is already known: files whose size and mtime match are not read again. */
  manifest?: Iterable<ManifestEntry>
  /** Worker threads to parse with; 'auto' uses every core when the folder is large. 0 reads in this thread. */
  workers?: number | 'auto'
  onProgress?: (progress: { phase: 'listing' | 'reading'; done: number; total: number }) => void
  signal?: AbortSignal
  /** The built scan-worker.js; found beside the bundle when not given. */
  workerScript?: URL
}

/** One file read in this scan. */
export interface ScannedFile {
  path: string
  size: number
  mtimeMs: number
  card: Card | null
  error: CardError | null
}

/** All files with one id: the winner's card plus the other paths as aliases. */
export interface Story {
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
  /** Winning card of every story among the scanned files, with `aliases` filled in. */
  cards: Card[]
  stories: Story[]
  /** Per-file errors, including listing errors (symlink loops, unreadable folders). */
  errors: CardError[]
  durationMs: number
}

/** Thrown when the folder itself cannot be used (missing, not a folder, unreadable). */
export class FolderUnusableError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string
  ) {
    super(`Cannot open folder ${folder}: ${reason}`)
    this.name = 'FolderUnusableError'
  }
}

/** With 'auto', folders with fewer files to read than this stay in one thread: starting workers costs more. */
export const WORKER_THRESHOLD = 2000
const STATS_IN_FLIGHT = 32

export async function scanFolder(folder: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now()
  const { signal, onProgress } = options
  const rootReal = await openFolder(folder)

  let listing
  try {
    listing = await listCardFiles(folder, rootReal, signal)
  } catch (error) {
    signal?.throwIfAborted()
    throw new FolderUnusableError(folder, reasonOf(error))
  }
  onProgress?.({ phase: 'listing', done: listing.files.length, total: listing.files.length })

  const { toRead, unchanged, removed, statFailures } = await compareWithManifest(folder, listing.files, options.manifest, signal)

  let done = 0
  const total = toRead.length
  const progress = (count: number) => {
    done += count
    onProgress?.({ phase: 'reading', done, total })
  }
  const read = await readAll(folder, toRead, options, progress)
  const scanned = [...read, ...statFailures].sort(byPath)

  const { cards, stories } = groupStories(scanned)
  const errors = [...listing.errors, ...scanned.flatMap((file) => (file.error === null ? [] : [file.error]))].sort(byPath)
  return { folder, scanned, unchanged, removed, cards, stories, errors, durationMs: performance.now() - started }
}

async function openFolder(folder: string): Promise<string> {
  let info
  try {
    info = await stat(folder)
  } catch (error) {
    throw new FolderUnusableError(folder, reasonOf(error))
  }
  if (!info.isDirectory()) throw new FolderUnusableError(folder, 'it is a file, not a folder')
  try {
    return await realpath(folder)
  } catch (error) {
    throw new FolderUnusableError(folder, reasonOf(error))
  }
}

function reasonOf(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'it does not exist'
    case 'ENOTDIR':
      return 'it is not a folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'it is a symbolic link that loops'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}

interface ManifestComparison {
  toRead: string[]
  unchanged: ManifestEntry[]
  removed: string[]
  /** Files listed but gone or unreadable by the time they were stat'ed. */
  statFailures: ScannedFile[]
}

async function compareWithManifest(folder: string, files: string[], manifest: Iterable<ManifestEntry> | undefined, signal?: AbortSignal): Promise<ManifestComparison> {
  if (manifest === undefined) return { toRead: files, unchanged: [], removed: [], statFailures: [] }
  const known = new Map<string, ManifestEntry>()
  for (const entry of manifest) known.set(entry.path, entry)
  const listed = new Set(files)
  const removed = [...known.keys()].filter((path) => !listed.has(path)).sort()

  const toRead: string[] = []
  const unchanged: ManifestEntry[] = []
  const statFailures: ScannedFile[] = []
  const candidates = files.filter((path) => known.has(path))
  for (const path of files) if (!known.has(path)) toRead.push(path)

  let next = 0
  const lane = async () => {
    while (next < candidates.length) {
      signal?.throwIfAborted()
      const path = candidates[next++]
      const entry = known.get(path)!
      try {
        const info = await stat(join(folder, path))
        if (info.size === entry.size && info.mtimeMs === entry.mtimeMs) unchanged.push(entry)
        else toRead.push(path)
      } catch (error) {
        const outcome = readFailure(path, error)
        statFailures.push({ path, size: 0, mtimeMs: 0, card: null, error: outcome.ok ? null : outcome.error })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, candidates.length) }, lane))
  toRead.sort()
  unchanged.sort(byPath)
  return { toRead, unchanged, removed, statFailures }
}

async function readAll(folder: string, paths: string[], options: ScanOptions, progress: (count: number) => void): Promise<ScannedFile[]> {
  const workerCount = workersFor(paths.length, options.workers ?? 'auto')
  const script = workerCount > 0 ? (options.workerScript ?? findWorkerScript()) : null
  if (script !== null) {
    return readWithWorkers(script, workerCount, folder, paths, (files) => progress(files.length), options.signal)
  }
  return readFiles(folder, paths, () => progress(1), options.signal)
}

function workersFor(filesToRead: number, workers: number | 'auto'): number {
  if (filesToRead === 0) return 0
  if (workers === 'auto') return filesToRead > WORKER_THRESHOLD ? Math.max(1, availableParallelism()) : 0
  return Math.max(0, Math.floor(workers))
}

function groupStories(scanned: ScannedFile[]): { cards: Card[]; stories: Story[] } {
  const entries = scanned.flatMap((file) =>
    file.card === null ? [] : [{ path: file.path, id: file.card.id, publishedAtMs: file.card.publishedAtMs, mtimeMs: file.mtimeMs, card: file.card }]
  )
  const stories: Story[] = []
  for (const story of resolveStories(entries).values()) {
    const aliases = story.aliases.map((alias) => alias.path)
    const card: Card = { ...story.winner.card, aliases }
    stories.push({ id: story.id, card, paths: [story.winner.path, ...aliases] })
  }
  stories.sort((a, b) => newestFirst(a.card, b.card))
  return { cards: stories.map((story) => story.card), stories }
}

function newestFirst(a: Card, b: Card): number {
  const byDate = (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity)
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

function byPath<T extends { path: string }>(a: T, b: T): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}
