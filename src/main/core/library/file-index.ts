import type { ManifestEntry } from '../../../shared/contract'
import type { CopyEntry } from '../scan/copies'

/** What main knows about one file of the folder. */
export interface FileRecord {
  size: number
  mtimeMs: number
  /** The card id the file gives. For a file that turned bad, the id of its last good version. */
  id: string | null
  publishedAtMs: number | null
  /**
   * Null while the file parses. Otherwise what went wrong (code and message), or
   * `unknown` for an error that came from the renderer's manifest.
   */
  errorKey: string | null
  /** False for records taken on trust from a manifest: their error state was not seen by this process. */
  verified: boolean
}

export const UNKNOWN_ERROR = 'unknown'

/** The in-memory index of one folder: path -> record, and id -> paths. No card bodies are held. */
export class FileIndex {
  private readonly files = new Map<string, FileRecord>()
  /** Nearly every id has one file: that path is kept bare, and a Set only for the few that have more. */
  private readonly pathsById = new Map<string, string | Set<string>>()
  /** Files per folder, counting every ancestor: tells at once whether a name is a known folder. */
  private readonly filesInFolder = new Map<string, number>()

  get size(): number {
    return this.files.size
  }

  get(path: string): FileRecord | undefined {
    return this.files.get(path)
  }

  has(path: string): boolean {
    return this.files.has(path)
  }

  set(path: string, record: FileRecord): void {
    this.delete(path)
    this.countFolders(path, 1)
    this.files.set(path, record)
    if (record.id === null) return
    const paths = this.pathsById.get(record.id)
    if (paths === undefined) this.pathsById.set(record.id, path)
    else if (typeof paths === 'string') this.pathsById.set(record.id, new Set([paths, path]))
    else paths.add(path)
  }

  delete(path: string): FileRecord | undefined {
    const record = this.files.get(path)
    if (!record) return undefined
    this.files.delete(path)
    this.countFolders(path, -1)
    if (record.id !== null) {
      const paths = this.pathsById.get(record.id)
      if (paths === path) this.pathsById.delete(record.id)
      else if (paths instanceof Set) {
        paths.delete(path)
        if (paths.size === 1) this.pathsById.set(record.id, paths.values().next().value!)
      }
    }
    return record
  }

  clear(): void {
    this.files.clear()
    this.pathsById.clear()
    this.filesInFolder.clear()
  }

  private countFolders(path: string, delta: number): void {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const folder = path.slice(0, slash)
      const count = (this.filesInFolder.get(folder) ?? 0) + delta
      if (count === 0) this.filesInFolder.delete(folder)
      else this.filesInFolder.set(folder, count)
    }
  }

  /** Every path that holds this id, good or kept-after-turning-bad. */
  pathsOf(id: string): readonly string[] {
    const paths = this.pathsById.get(id)
    return paths === undefined ? [] : typeof paths === 'string' ? [paths] : [...paths]
  }

  /** How many files hold this id. */
  fileCountOf(id: string): number {
    const paths = this.pathsById.get(id)
    return paths === undefined ? 0 : typeof paths === 'string' ? 1 : paths.size
  }

  /** The files of this id that currently parse: the candidates to show the card. */
  goodEntries(id: string): CopyEntry[] {
    const entries: CopyEntry[] = []
    for (const path of this.pathsOf(id)) {
      const record = this.files.get(path)
      if (record && record.errorKey === null) entries.push({ path, id, publishedAtMs: record.publishedAtMs, mtimeMs: record.mtimeMs })
    }
    return entries
  }

  /** Number of cards the renderer shows (copies merged): ids with at least one file. */
  get idCount(): number {
    return this.pathsById.size
  }

  get errorCount(): number {
    let count = 0
    for (const record of this.files.values()) if (record.errorKey !== null) count++
    return count
  }

  /** Every known path (the scan looks files up here instead of copying a manifest). */
  keys(): IterableIterator<string> {
    return this.files.keys()
  }

  /** Paths equal to `dir` or inside it (relative, `/` separators; '' is the whole folder). */
  pathsUnder(dir: string): string[] {
    if (dir === '') return [...this.files.keys()]
    if (this.files.has(dir)) return [dir]
    if (!this.filesInFolder.has(dir)) return []
    const prefix = dir + '/'
    return [...this.files.keys()].filter((path) => path === dir || path.startsWith(prefix))
  }

  entry(path: string): ManifestEntry | undefined {
    const record = this.files.get(path)
    return record && toManifestEntry(path, record)
  }

  manifest(): ManifestEntry[] {
    return [...this.files].map(([path, record]) => toManifestEntry(path, record))
  }

  /** Takes the renderer's manifest on trust: these are the files and ids it holds. */
  resetFrom(manifest: Iterable<ManifestEntry>): void {
    this.clear()
    for (const entry of manifest) {
      this.set(entry.path, {
        size: entry.size,
        mtimeMs: entry.mtimeMs,
        id: entry.id,
        publishedAtMs: entry.publishedAtMs,
        errorKey: entry.id === null ? UNKNOWN_ERROR : null,
        verified: false
      })
    }
  }
}

export function toManifestEntry(path: string, record: FileRecord): ManifestEntry {
  return { path, size: record.size, mtimeMs: record.mtimeMs, id: record.id, publishedAtMs: record.publishedAtMs }
}
