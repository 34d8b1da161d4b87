// STUB (owner: core-parse helper): signatures are the agreed API; bodies to be written.
import type { Card, CardError } from '../../../shared/card'
import type { ManifestEntry } from '../../../shared/contract'

export interface ScanOptions {
  /** What is already known: files whose size and mtime match are not read again. */
  manifest?: Iterable<ManifestEntry>
  /** Worker threads to parse with; 'auto' uses every core when the folder is large. */
  workers?: number | 'auto'
  onProgress?: (progress: { phase: 'listing' | 'reading'; done: number; total: number }) => void
  signal?: AbortSignal
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

export async function scanFolder(_folder: string, _options: ScanOptions = {}): Promise<ScanResult> {
  throw new Error('not implemented')
}
