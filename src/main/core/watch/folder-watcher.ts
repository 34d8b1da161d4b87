// Watches a folder tree with one non-recursive fs.watch per sub-folder (one
// inotify watch each on Linux) and reports which names changed, debounced.
// It holds no per-file state: the library's index is the state, and every
// reported name is re-checked against the disk. At 100k files in one folder this
// is one watch and a few MB, where chokidar (one watcher per file) and Node's
// recursive fs.watch (a Stats object per file) hold hundreds of MB.
import { watch, type FSWatcher } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { messageOf } from '../../../shared/errors'
import { isSameOrInside } from '../folders'
import { utf8NameOf } from '../scan/file-names'
import { isSyncTempFile } from '../scan/sync-litter'

export interface WatchProblem {
  /** Relative folder the problem is about; absent for the whole tree. */
  path?: string
  code?: string
  message: string
}

export interface FolderWatcherOptions {
  /** Absolute folder to watch. */
  root: string
  /** Relative names (files or folders, `/` separators) that changed since the last call. */
  onChanges: (paths: string[]) => void
  onError: (problem: WatchProblem) => void
  /** Quiet time that ends a burst. */
  debounceMs?: number
  /** Longest a change waits while a burst goes on. */
  maxWaitMs?: number
}

const SKIPPED_FOLDERS = new Set(['node_modules'])
const GONE_CODES = new Set(['ENOENT', 'ENOTDIR'])

export class FolderWatcher {
  private readonly options: FolderWatcherOptions
  private readonly watchers = new Map<string, FSWatcher>()
  /** Real paths of watched folders, so a linked folder is not watched twice. */
  private readonly realOf = new Map<string, string>()
  private readonly watchedReals = new Set<string>()
  private pending = new Set<string>()
  private debounceTimer: NodeJS.Timeout | null = null
  private maxWaitTimer: NodeJS.Timeout | null = null
  private closed = false
  private rootReal = ''

  constructor(options: FolderWatcherOptions) {
    this.options = options
  }

  get folderCount(): number {
    return this.watchers.size
  }

  /** Watches the root and every sub-folder. Throws when the root cannot be watched. */
  async start(): Promise<void> {
    this.rootReal = await realpath(this.options.root)
    this.watchOne('', this.options.root, this.rootReal, true)
    await this.watchChildren('', this.options.root, this.rootReal)
  }

  /** Watches a folder (relative) that appeared, and its sub-folders. */
  async watchTree(dir: string): Promise<void> {
    if (this.closed || this.watchers.has(dir)) return
    const absolute = join(this.options.root, dir)
    let real: string
    try {
      real = await realpath(absolute)
    } catch {
      return
    }
    // A link to a folder inside the root is watched under the folder's own path.
    const linkedInside = isSameOrInside(this.rootReal, real) && real !== join(this.rootReal, dir)
    if (linkedInside || this.isWatchedReal(real)) return
    this.watchOne(dir, absolute, real, false)
    await this.watchChildren(dir, absolute, real)
  }

  /** Stops watching a folder (relative) that went, and everything under it. */
  unwatchTree(dir: string): void {
    if (dir === '' || !this.watchers.has(dir)) return
    const prefix = dir + '/'
    for (const [path, watcher] of this.watchers) {
      if (path !== '' && (path === dir || path.startsWith(prefix))) {
        watcher.close()
        this.forget(path)
      }
    }
  }

  close(): void {
    this.closed = true
    for (const watcher of this.watchers.values()) watcher.close()
    this.watchers.clear()
    this.realOf.clear()
    this.watchedReals.clear()
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    if (this.maxWaitTimer) clearTimeout(this.maxWaitTimer)
    this.pending.clear()
  }

  private isWatchedReal(real: string): boolean {
    return this.watchedReals.has(real)
  }

  private forget(dir: string): void {
    const real = this.realOf.get(dir)
    if (real !== undefined) this.watchedReals.delete(real)
    this.realOf.delete(dir)
    this.watchers.delete(dir)
  }

  private watchOne(dir: string, absolute: string, real: string, isRoot: boolean): void {
    if (this.closed) return
    let watcher: FSWatcher
    try {
      // Names as bytes: decoded by Node, a name that is not UTF-8 would become one no file has.
      watcher = watch(absolute, { persistent: false, encoding: 'buffer' }, (_event, name) => this.onEvent(dir, name))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (isRoot) throw error
      if (!GONE_CODES.has(code ?? '')) this.options.onError({ path: dir, code, message: describeWatchError(absolute, error) })
      return
    }
    watcher.on('error', (error) => {
      watcher.close()
      if (this.watchers.get(dir) === watcher) this.forget(dir)
      const code = (error as NodeJS.ErrnoException).code
      // A deleted sub-folder may end its watch with an error; the parent reports the removal.
      if (!isRoot && GONE_CODES.has(code ?? '')) return this.note(dir)
      this.options.onError({ path: dir || undefined, code, message: describeWatchError(absolute, error) })
    })
    this.watchers.set(dir, watcher)
    this.realOf.set(dir, real)
    this.watchedReals.add(real)
  }

  private async watchChildren(dir: string, absolute: string, real: string): Promise<void> {
    let entries
    try {
      entries = await readdir(absolute, { withFileTypes: true, encoding: 'buffer' })
    } catch {
      return
    }
    for (const entry of entries) {
      if (this.closed) return
      // A folder whose name is not UTF-8 is not read (the listing reports it), so it is not watched either.
      const name = utf8NameOf(entry.name)
      if (name === null || name.startsWith('.') || SKIPPED_FOLDERS.has(name)) continue
      if (!entry.isDirectory() && !entry.isSymbolicLink()) continue
      const childRel = dir === '' ? name : `${dir}/${name}`
      const childAbs = join(absolute, name)
      let childReal = join(real, name)
      if (entry.isSymbolicLink()) {
        const target = await stat(childAbs).catch(() => null)
        if (!target?.isDirectory()) continue
        childReal = await realpath(childAbs).catch(() => '')
        // Like the scan: a link into its own ancestry would loop, and a link to a folder inside
        // the root (watched under its own path) or already watched adds nothing.
        if (childReal === '' || isSameOrInside(childReal, real) || isSameOrInside(this.rootReal, childReal) || this.isWatchedReal(childReal)) continue
      }
      this.watchOne(childRel, childAbs, childReal, false)
      await this.watchChildren(childRel, childAbs, childReal)
    }
  }

  private onEvent(dir: string, name: string | Buffer | null): void {
    if (this.closed) return
    if (name === null) return this.note(dir)
    const text = typeof name === 'string' ? name : utf8NameOf(name)
    // A name that is not UTF-8 cannot be looked up as text: its folder is listed again instead, and
    // the listing reports the file with its bytes escaped.
    if (text === null) return this.note(dir)
    // Dotfiles are editors' temp files and VCS folders; their renames onto a card show as the card's own event.
    if (text.startsWith('.') || isSyncTempFile(text)) return
    this.note(dir === '' ? text : `${dir}/${text}`)
  }

  private note(path: string): void {
    this.pending.add(path)
    const { debounceMs = 60, maxWaitMs = 250 } = this.options
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(() => this.flush(), debounceMs)
    this.maxWaitTimer ??= setTimeout(() => this.flush(), maxWaitMs)
  }

  private flush(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    if (this.maxWaitTimer) clearTimeout(this.maxWaitTimer)
    this.debounceTimer = this.maxWaitTimer = null
    if (this.closed || this.pending.size === 0) return
    const paths = [...this.pending]
    this.pending = new Set()
    this.options.onChanges(paths)
  }
}

/** True when `path` is `folder` or lies inside it. */
export function describeWatchError(folder: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOSPC':
      return `Cannot watch ${folder}: the system's limit on watched folders is reached (raise fs.inotify.max_user_watches); changes are picked up by periodic re-checks instead`
    case 'EMFILE':
      return `Cannot watch ${folder}: too many open files; retrying`
    case 'EACCES':
    case 'EPERM':
      return `Cannot watch ${folder}: permission denied`
    default:
      return `Watching ${folder} failed: ${messageOf(error)}`
  }
}
