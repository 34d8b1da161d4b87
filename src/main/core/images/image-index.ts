import { createReadStream } from 'node:fs'
import { mkdir, open, rename } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { DelayedWriter } from './delayed-writer'
import { EntryStore, type EntryState } from './entry-store'
import { hashBytesOfUrl, isCacheHash } from './hash'
import { ImageEntry } from './image-entry'
import { LineBlock } from '../text/line-block'
import type { FailureReason } from './retry-policy'

export type { EntryState } from './entry-store'
export { ImageEntry, type EntryFields } from './image-entry'

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
 * Every URL's state, kept in memory (packed, see EntryStore) and in an append-only JSON-lines log:
 * changes are appended in debounced batches, and the log is rewritten (temp file + rename) when it
 * grows to twice the live entries. A torn last line from a crash is skipped on load.
 */
export class ImageIndex {
  readonly store: EntryStore
  /** Slots changed since the last write, each once (flagged in `isDirty`). */
  private dirty: number[] = []
  private isDirty = new Uint8Array(0)
  private lines = 0
  private readonly writer: DelayedWriter

  private constructor(
    private readonly dir: string,
    flushDelayMs: number
  ) {
    this.store = new EntryStore(dir)
    this.writer = new DelayedWriter(
      () => this.writeDirty(),
      () => flushDelayMs
    )
  }

  static async load(dir: string, flushDelayMs = 500): Promise<ImageIndex> {
    await mkdir(dir, { recursive: true })
    const index = new ImageIndex(dir, flushDelayMs)
    try {
      await index.read()
    } catch (error) {
      index.store.close()
      throw error
    }
    return index
  }

  private async read(): Promise<void> {
    let torn = false
    try {
      torn = await endsTorn(this.path)
      // Read as a stream (it lets the process answer meanwhile): a 300k-line index read whole would
      // hold its text and every line at once.
      const lines = createInterface({ input: createReadStream(this.path, { encoding: 'utf8', highWaterMark: 64 * 1024 }), crlfDelay: Infinity })
      for await (const line of lines) {
        if (!line) continue
        this.lines++
        this.loadLine(line)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (torn || this.needsCompaction()) await this.compact()
  }

  get path(): string {
    return join(this.dir, INDEX_FILE)
  }

  get size(): number {
    return this.store.count
  }

  get(hash: string): ImageEntry | undefined {
    if (!isCacheHash(hash)) return undefined
    return this.at(this.store.find(hash))
  }

  /** The entry in a slot (see ImageEntry.slot); undefined for -1. */
  at(slot: number): ImageEntry | undefined {
    return slot < 0 || slot >= this.store.count ? undefined : new ImageEntry(this.store, slot)
  }

  /** The entry of a URL, found by its hash; undefined while the URL is not named. */
  getByUrl(url: string): ImageEntry | undefined {
    const entry = this.at(this.store.find(hashBytesOfUrl(url)))
    return entry && this.store.hasUrl(entry.slot) ? entry : undefined
  }

  *entries(): IterableIterator<ImageEntry> {
    for (let slot = 0; slot < this.store.count; slot++) yield new ImageEntry(this.store, slot)
  }

  /** A new entry for a hash not in the index (its URL empty when only its file is known). */
  add(hash: string | Uint8Array, url: string, state: EntryState): ImageEntry {
    return new ImageEntry(this.store, this.store.add(hash, url, state))
  }

  /** Records that an entry (already in the index) changed; written within `flushDelayMs`. */
  changed(entry: ImageEntry): void {
    if (this.writer.closed) return
    this.markDirty(entry.slot)
    this.writer.schedule()
  }

  /** Remembers the URL of an entry first known only by its file. */
  nameUrl(entry: ImageEntry, url: string): void {
    this.store.setUrl(entry.slot, url)
    this.changed(entry)
  }

  flush(): Promise<void> {
    return this.writer.flush()
  }

  close(): Promise<void> {
    return this.writer.close(async () => {
      try {
        if (this.needsCompaction()) await this.compact()
      } finally {
        this.store.close()
      }
    })
  }

  private markDirty(slot: number): void {
    if (slot >= this.isDirty.length) {
      const bigger = new Uint8Array(Math.max(1024, this.store.count * 1.5))
      bigger.set(this.isDirty)
      this.isDirty = bigger
    }
    if (this.isDirty[slot]) return
    this.isDirty[slot] = 1
    this.dirty.push(slot)
  }

  private async writeDirty(): Promise<void> {
    if (this.dirty.length === 0) return
    const batch = this.dirty
    this.dirty = []
    for (const slot of batch) this.isDirty[slot] = 0
    try {
      await writeLines(this.path, 'a', this.store, batch)
    } catch {
      // Disk full or gone: keep the changes in memory and try again later.
      for (const slot of batch) this.markDirty(slot)
      this.writer.schedule()
      return
    }
    this.lines += batch.length
    if (this.needsCompaction()) await this.compact().catch(() => undefined)
  }

  private needsCompaction(): boolean {
    return this.lines > 2 * this.store.count + 10_000
  }

  private async compact(): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`
    await writeLines(temp, 'w', this.store, null)
    await rename(temp, this.path)
    this.lines = this.store.count
  }

  /** Adds or replaces the entry of one index line; a line that does not parse is skipped. */
  private loadLine(text: string): void {
    let line: IndexLine
    try {
      line = JSON.parse(text) as IndexLine
    } catch {
      return
    }
    if (!line || !isCacheHash(line.h) || typeof line.u !== 'string' || !(line.s in STATE_OF)) return
    const state = STATE_OF[line.s]
    if (state === 'cached' && (typeof line.m !== 'string' || typeof line.z !== 'number')) return
    const known = this.store.find(line.h)
    const entry = known < 0 ? this.add(line.h, line.u, state) : new ImageEntry(this.store, known)
    if (known >= 0) {
      // A later line replaces the whole entry.
      this.store.setUrl(known, line.u)
      Object.assign(entry, { state, mime: undefined, size: undefined, reason: undefined, detail: undefined, retryAt: undefined })
    }
    entry.attempts = Number(line.a) || 0
    entry.pinned = line.k === 1
    entry.lastUsed = typeof line.t === 'number' ? line.t : undefined
    if (state === 'cached') {
      entry.mime = line.m
      entry.size = line.z
    }
    if (state === 'failed') {
      entry.reason = line.r
      entry.detail = typeof line.d === 'string' ? line.d : undefined
      entry.retryAt = typeof line.n === 'number' ? line.n : undefined
    }
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
 * Writes the entries as index lines, a block of lines per turn: the first track of a big folder changes
 * 300k at once, and their lines joined in one string (50 MB with the failure details) would
 * raise the process's peak memory by several times that. Each line is encoded into the block as it is made
 * (see LineBlock), so no piece outlives a turn as garbage for the old generation.
 */
async function writeLines(path: string, flags: 'a' | 'w', store: EntryStore, slots: number[] | null): Promise<void> {
  const handle = await open(path, flags)
  const count = slots ? slots.length : store.count
  const lines = new LineBlock(LINES_BLOCK_BYTES)
  try {
    for (let i = 0; i < count; i++) {
      const line = JSON.stringify(toLine(new ImageEntry(store, slots ? slots[i] : i)))
      if (!lines.fits(line) && !lines.isEmpty) await handle.write(lines.take())
      if (lines.tooLong(line)) await handle.write(`${line}\n`)
      else lines.add(line)
    }
    if (!lines.isEmpty) await handle.write(lines.take())
  } finally {
    await handle.close()
  }
}

/** ~100 KB a write, as V8's young generation holds comfortably (1 MB pieces piled up as old-space garbage). */
const LINES_BLOCK_BYTES = 128 * 1024

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
