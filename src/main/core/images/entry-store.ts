// Every image's record packed in typed arrays, one column per field, addressed by a slot number.
// A folder of 100k real cards names ~1.5 million images: as an object, a hex-hash string, a URL
// string and two map entries each they took ~420 bytes of V8 heap apiece (1.4 GB peak at 100k).
// Here an image's full hash and URL live in a scratch file (UrlFile) and memory keeps only the
// hash's first 12 bytes (odds that two of 2 million SHA-256 keys share 96 bits: ~3e-17), where its record starts,
// and its fields as numbers, in pages that never move.
import { float64Column, PAGE_BITS, PAGE_SLOTS, NarrowColumn, uint16Column, uint32Column, uint8Column, WideColumn } from './paged-column'
import type { FailureReason } from './retry-policy'
import { OrderColumn } from './order-numbers'
import { UrlFile } from './url-file'

export type EntryState = 'cached' | 'failed' | 'pending' | 'evicted'
const STATES: readonly EntryState[] = ['cached', 'failed', 'pending', 'evicted']
const STATE_NUMBER: Record<EntryState, number> = { cached: 0, failed: 1, pending: 2, evicted: 3 }

const HASH_BYTES = 32
/** The bytes of a hash kept in memory, to find a slot by its hash. */
const KEY_BYTES = 12
const EMPTY = 0
/** Not queued for download (see queuedPriority). */
export const NOT_QUEUED = 255
/** Past ~20 failures the backoff is at its longest anyway; 2 bytes an image (1.7 million in a 100k sync). */
export const MAX_ATTEMPTS = 0xffff
/** Only a URL with a surrogate can be one UTF-8 does not carry (a lone one). */
const SURROGATE = /[\uD800-\uDFFF]/

/** Texts that repeat across images (types, reasons, failure details), each stored once and named by number. */
class TextTable {
  private readonly texts: Array<string | undefined> = [undefined]
  private readonly numbers = new Map<string, number>()

  numberOf(text: string | undefined): number {
    if (text === undefined) return 0
    let number = this.numbers.get(text)
    if (number === undefined) {
      number = this.texts.length
      this.texts.push(text)
      this.numbers.set(text, number)
    }
    return number
  }

  textOf(number: number): string | undefined {
    return this.texts[number]
  }
}

export class EntryStore {
  count = 0
  private capacity = 0
  /** The hashes' first KEY_BYTES, PAGE_SLOTS to a page. */
  private readonly keyPages: Buffer[] = []
  /** Open addressing by the hash's first four bytes (already uniform): slot + 1, 0 when empty. */
  private table = new Uint32Array(16)
  /** Each slot's latest record in the scratch file: the full hash, then the URL as UTF-8. */
  private readonly urls: UrlFile
  private readonly recordAt = new WideColumn()
  private readonly urlLength = new NarrowColumn()
  /** URLs that UTF-8 cannot carry unchanged (a lone surrogate), kept as strings: rare. */
  private readonly oddUrls = new Map<number, string>()
  private readonly mimes = new TextTable()
  private readonly reasons = new TextTable()
  private readonly details = new TextTable()
  private readonly state = uint8Column()
  private readonly mime = uint16Column()
  private readonly reason = uint16Column()
  private readonly detail = new NarrowColumn()
  /** NaN stands for "not set" in the three optional numbers. */
  readonly size = float64Column(NaN)
  readonly lastUsed = float64Column(NaN)
  readonly retryAt = float64Column(NaN)
  /** Saturates at MAX_ATTEMPTS (see ImageEntry.attempts). */
  readonly attempts = uint16Column()
  readonly pinned = uint8Column()
  readonly refs = uint32Column()
  readonly refPriority = uint8Column()
  readonly refOrder = new OrderColumn()
  /** The best priority the image is queued at (NOT_QUEUED when it is not): older queue items are stale. */
  readonly queuedPriority = uint8Column(NOT_QUEUED)
  readonly queuedOrder = new OrderColumn()
  private readonly scratch = Buffer.alloc(HASH_BYTES)

  /** The scratch file goes in `dir` (the cache folder: on disk, where a temp folder may be memory). */
  constructor(dir: string) {
    this.urls = new UrlFile(dir)
  }

  /** The slot of a hash (hex or raw bytes); -1 when unknown. */
  find(hash: string | Uint8Array): number {
    const key = typeof hash === 'string' ? this.bytesOfHex(hash) : hash
    const mask = this.table.length - 1
    for (let at = readKey(key) & mask; ; at = (at + 1) & mask) {
      const slot = this.table[at] - 1
      if (slot < 0) return -1
      if (this.sameHash(slot, key)) return slot
    }
  }

  /** A new slot for a hash known not to be here. */
  add(hash: string | Uint8Array, url: string, state: EntryState): number {
    const key = typeof hash === 'string' ? this.bytesOfHex(hash) : hash
    if (this.count === this.capacity) this.grow()
    const slot = this.count++
    this.keyPages[slot >>> PAGE_BITS].set(key.subarray(0, KEY_BYTES), (slot & (PAGE_SLOTS - 1)) * KEY_BYTES)
    if ((this.count << 1) > this.table.length) this.rehash(this.table.length << 1)
    else this.place(slot)
    this.writeRecord(slot, key.subarray(0, HASH_BYTES), url)
    this.setState(slot, state)
    return slot
  }

  /** Every image's count of tracked cards back to 0, for a new tracking (it drops the column's pages). */
  clearRefs(): void {
    this.refs.truncate(0)
  }

  hashOf(slot: number): string {
    return this.urls.read(this.recordAt.get(slot), HASH_BYTES).toString('hex')
  }

  urlOf(slot: number): string {
    const odd = this.oddUrls.get(slot)
    if (odd !== undefined) return odd
    const length = this.urlLength.get(slot)
    return length === 0 ? '' : this.urls.read(this.recordAt.get(slot) + HASH_BYTES, length).toString('utf8')
  }

  setUrl(slot: number, url: string): void {
    this.writeRecord(slot, Buffer.from(this.urls.read(this.recordAt.get(slot), HASH_BYTES)), url)
  }

  /** Lets go of the scratch file: no hash or URL can be read after this. */
  close(): void {
    this.urls.close()
  }

  private writeRecord(slot: number, hash: Uint8Array, url: string): void {
    const { offset, textBytes } = this.urls.append(hash, url)
    this.recordAt.set(slot, offset)
    this.urlLength.set(slot, textBytes)
    this.oddUrls.delete(slot)
    if (SURROGATE.test(url) && this.urlOf(slot) !== url) this.oddUrls.set(slot, url)
  }

  hasUrl(slot: number): boolean {
    return this.urlLength.get(slot) > 0 || this.oddUrls.has(slot)
  }

  stateOf(slot: number): EntryState {
    return STATES[this.state.get(slot)]
  }

  setState(slot: number, state: EntryState): void {
    this.state.set(slot, STATE_NUMBER[state])
  }

  mimeOf(slot: number): string | undefined {
    return this.mimes.textOf(this.mime.get(slot))
  }

  setMime(slot: number, mime: string | undefined): void {
    this.mime.set(slot, this.mimes.numberOf(mime))
  }

  reasonOf(slot: number): FailureReason | undefined {
    return this.reasons.textOf(this.reason.get(slot)) as FailureReason | undefined
  }

  setReason(slot: number, reason: FailureReason | undefined): void {
    this.reason.set(slot, this.reasons.numberOf(reason))
  }

  detailOf(slot: number): string | undefined {
    return this.details.textOf(this.detail.get(slot))
  }

  setDetail(slot: number, detail: string | undefined): void {
    this.detail.set(slot, this.details.numberOf(detail))
  }

  private bytesOfHex(hex: string): Buffer {
    this.scratch.write(hex, 'hex')
    return this.scratch
  }

  private sameHash(slot: number, key: Uint8Array): boolean {
    const page = this.keyPages[slot >>> PAGE_BITS]
    const base = (slot & (PAGE_SLOTS - 1)) * KEY_BYTES
    for (let i = 0; i < KEY_BYTES; i++) if (page[base + i] !== key[i]) return false
    return true
  }

  private place(slot: number): void {
    const mask = this.table.length - 1
    let at = readKey(this.keyPages[slot >>> PAGE_BITS], (slot & (PAGE_SLOTS - 1)) * KEY_BYTES) & mask
    while (this.table[at] !== EMPTY) at = (at + 1) & mask
    this.table[at] = slot + 1
  }

  private rehash(length: number): void {
    this.table = new Uint32Array(length)
    for (let slot = 0; slot < this.count; slot++) this.place(slot)
  }

  private grow(): void {
    this.capacity += PAGE_SLOTS
    // The columns make their pages on first use.
    this.keyPages.push(Buffer.alloc(PAGE_SLOTS * KEY_BYTES))
  }
}

function readKey(bytes: Uint8Array, at = 0): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}
