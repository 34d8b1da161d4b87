import { createReadStream } from 'node:fs'
import { mkdir, open, rename } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { DelayedWriter } from './delayed-writer'
import { isCacheHash } from './hash'
import type { FailureReason } from './retry-policy'
import { intern } from './strings'

/**
 * `evicted` is `pending` to everyone outside: the file went to make room, and it comes back
 * only when someone asks for it (so a full cache never churns).
 */
export type EntryState = 'cached' | 'failed' | 'pending' | 'evicted'

export interface ImageEntry {
  hash: string
  /** Empty when the file was found on disk before anyone named its URL. */
  url: string
  state: EntryState
  /** cached: the sniffed type and the file's size. */
  mime?: string
  size?: number
  /** Last time the image was asked for or stored; least recent goes first when the cache is full. */
  lastUsed?: number
  /** failed: why, in a stable code and in words. */
  reason?: FailureReason
  detail?: string
  /** failed: not tried again before this time (epoch ms). */
  retryAt?: number
  /** Consecutive failed attempts. */
  attempts: number
  /** An image of a starred card: never evicted. */
  pinned: boolean
  /**
   * The tracked folder's bookkeeping (see FolderTracking), held here rather than in a map of its own
   * (300k images): how many of its cards name the image, and the best priority among them. Valid only
   * while `refGen` is that tracking's generation.
   */
  refGen: number
  refs: number
  refPriority: number
  refOrder: number
}

/**
 * A new entry with every field present from the start, so all entries share one compact shape
 * (fields added later would each give the entry a separate property store).
 */
export function newEntry(hash: string, url: string, state: EntryState): ImageEntry {
  return {
    hash,
    url,
    state,
    mime: undefined,
    size: undefined,
    lastUsed: undefined,
    reason: undefined,
    detail: undefined,
    retryAt: undefined,
    attempts: 0,
    pinned: false,
    refGen: 0,
    refs: 0,
    refPriority: 0,
    refOrder: 0
  }
}

// One JSON object per line, short keys: 300k entries load in well under a second.
interface IndexLine {
  h: string
  u: string
  s: 'c' | 'f' | 'p' | 'e'
  m?: string
  z?: number
  t?: number
  r?: FailureReason
  d?: string
  n?: number
  a?: number
  k?: 1
}

const STATE_CODE = { cached: 'c', failed: 'f', pending: 'p', evicted: 'e' } as const
const STATE_OF = { c: 'cached', f: 'failed', p: 'pending', e: 'evicted' } as const

export const INDEX_FILE = 'index.jsonl'

/**
 * Every URL's state, kept in memory and in an append-only JSON-lines log: changes are appended
 * in debounced batches, and the log is rewritten (temp file + rename) when it grows to twice
 * the live entries. A torn last line from a crash is skipped on load.
 */
export class ImageIndex {
  private readonly byHash = new Map<string, ImageEntry>()
  private readonly byUrl = new Map<string, ImageEntry>()
  private readonly dirty = new Set<ImageEntry>()
  private lines = 0
  private readonly writer: DelayedWriter

  private constructor(
    private readonly dir: string,
    flushDelayMs: number
  ) {
    this.writer = new DelayedWriter(
      () => this.writeDirty(),
      () => flushDelayMs
    )
  }

  static async load(dir: string, flushDelayMs = 500): Promise<ImageIndex> {
    const index = new ImageIndex(dir, flushDelayMs)
    await mkdir(dir, { recursive: true })
    let torn = false
    try {
      torn = await endsTorn(index.path)
      // Read as a stream (it lets the process answer meanwhile): a 300k-line index read whole would
      // hold its text and every line at once.
      const lines = createInterface({ input: createReadStream(index.path, { encoding: 'utf8', highWaterMark: 64 * 1024 }), crlfDelay: Infinity })
      for await (const line of lines) {
        if (!line) continue
        index.lines++
        const entry = parseLine(line)
        if (entry) index.put(entry)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (torn || index.needsCompaction()) await index.compact()
    return index
  }

  get path(): string {
    return join(this.dir, INDEX_FILE)
  }

  get size(): number {
    return this.byHash.size
  }

  get(hash: string): ImageEntry | undefined {
    return this.byHash.get(hash)
  }

  getByUrl(url: string): ImageEntry | undefined {
    return this.byUrl.get(url)
  }

  entries(): IterableIterator<ImageEntry> {
    return this.byHash.values()
  }

  /** Adds or replaces an entry and schedules it to be written. */
  put(entry: ImageEntry): ImageEntry {
    const previous = this.byHash.get(entry.hash)
    if (previous && previous !== entry && previous.url) this.byUrl.delete(previous.url)
    this.byHash.set(entry.hash, entry)
    if (entry.url) this.byUrl.set(entry.url, entry)
    return entry
  }

  /** Records that an entry (already in the index) changed; written within `flushDelayMs`. */
  changed(entry: ImageEntry): void {
    if (this.writer.closed) return
    this.dirty.add(entry)
    this.writer.schedule()
  }

  /** Remembers the URL of an entry first known only by its file. */
  nameUrl(entry: ImageEntry, url: string): void {
    entry.url = url
    this.byUrl.set(url, entry)
    this.changed(entry)
  }

  flush(): Promise<void> {
    return this.writer.flush()
  }

  close(): Promise<void> {
    return this.writer.close(async () => {
      if (this.needsCompaction()) await this.compact()
    })
  }

  private async writeDirty(): Promise<void> {
    if (this.dirty.size === 0) return
    const batch = [...this.dirty]
    this.dirty.clear()
    try {
      await writeLines(this.path, 'a', batch)
    } catch {
      // Disk full or gone: keep the changes in memory and try again later.
      for (const entry of batch) this.changed(entry)
      return
    }
    this.lines += batch.length
    if (this.needsCompaction()) await this.compact().catch(() => undefined)
  }

  private needsCompaction(): boolean {
    return this.lines > 2 * this.byHash.size + 10_000
  }

  private async compact(): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`
    await writeLines(temp, 'w', [...this.byHash.values()])
    await rename(temp, this.path)
    this.lines = this.byHash.size
  }
}

/** True when the file's last line has no newline: a write cut short by a crash. */
async function endsTorn(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size === 0) return false
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1)
    return buffer[0] !== 0x0a
  } finally {
    await handle.close()
  }
}

/**
 * Index lines written per turn of the event loop: ~100 KB, so a piece held across the write stays in
 * V8's young generation (5,000 lines, ~1 MB a piece, outlived it and piled up as old-space garbage).
 */
const LINES_PER_WRITE = 500

/**
 * Writes the entries as index lines, a slice per turn: the first track of a big folder changes
 * 300k at once, and their lines joined in one string (50 MB with the failure details) would
 * raise the process's peak memory by several times that.
 */
async function writeLines(path: string, flags: 'a' | 'w', entries: ImageEntry[]): Promise<void> {
  const handle = await open(path, flags)
  try {
    for (let i = 0; i < entries.length; i += LINES_PER_WRITE) {
      let chunk = ''
      for (let j = i; j < Math.min(i + LINES_PER_WRITE, entries.length); j++) chunk += JSON.stringify(toLine(entries[j])) + '\n'
      await handle.write(chunk)
    }
  } finally {
    await handle.close()
  }
}

function toLine(entry: ImageEntry): IndexLine {
  const line: IndexLine = { h: entry.hash, u: entry.url, s: STATE_CODE[entry.state] }
  if (entry.state === 'cached') {
    line.m = entry.mime
    line.z = entry.size
  }
  if (entry.lastUsed) line.t = entry.lastUsed
  if (entry.state === 'failed') {
    line.r = entry.reason
    line.d = entry.detail
    line.n = entry.retryAt
  }
  if (entry.attempts) line.a = entry.attempts
  if (entry.pinned) line.k = 1
  return line
}

function parseLine(text: string): ImageEntry | null {
  let line: IndexLine
  try {
    line = JSON.parse(text) as IndexLine
  } catch {
    return null
  }
  if (!line || !isCacheHash(line.h) || typeof line.u !== 'string' || !(line.s in STATE_OF)) return null
  const entry = newEntry(line.h, line.u, STATE_OF[line.s])
  entry.attempts = Number(line.a) || 0
  entry.pinned = line.k === 1
  if (typeof line.t === 'number') entry.lastUsed = line.t
  if (entry.state === 'cached') {
    if (typeof line.m !== 'string' || typeof line.z !== 'number') return null
    entry.mime = intern(line.m)
    entry.size = line.z
  }
  if (entry.state === 'failed') {
    entry.reason = line.r
    entry.detail = intern(line.d)
    entry.retryAt = line.n
  }
  return entry
}
