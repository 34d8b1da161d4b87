// Every image's record packed in typed arrays, one column per field, addressed by a slot number.
// A folder of 100k real cards names ~1.5 million images: as an object, a hex-hash string, a URL
// string and two map entries each they took ~420 bytes of V8 heap apiece (1.4 GB peak at 100k);
// here an image is ~160 bytes off the heap (1M bench URLs): its binary hash, its URL's folder by
// number and the rest as UTF-8 in an arena, and its fields as numbers, in pages that never move.
import { float64Column, PAGE_BITS, PAGE_SLOTS, uint16Column, uint32Column, uint8Column } from './paged-column'
import type { FailureReason } from './retry-policy'

export type EntryState = 'cached' | 'failed' | 'pending' | 'evicted'
const STATES: readonly EntryState[] = ['cached', 'failed', 'pending', 'evicted']
const STATE_NUMBER: Record<EntryState, number> = { cached: 0, failed: 1, pending: 2, evicted: 3 }

const HASH_BYTES = 32
const URL_PAGE_BYTES = 1 << 20
const EMPTY = 0
/** Not queued for download (see queuedPriority). */
export const NOT_QUEUED = 255
/** Shorter folders than "https://a.b/" are not worth a number. */
const MIN_URL_FOLDER = 12
/** Longer ones (a data: URL's base64 has slashes) are kept whole with their URL. */
const MAX_URL_FOLDER = 256
const MAX_URL_FOLDERS = 200_000
/** Only a URL with a surrogate can be one UTF-8 does not carry (a lone one). */
const SURROGATE = /[\uD800-\uDFFF]/

/**
 * Texts that repeat across images (types, reasons, failure details, the folder part of URLs), each
 * stored once and named by number. With a `limit`, texts past it get no number (-1): the caller
 * keeps them some other way.
 */
class TextTable {
  private readonly texts: Array<string | undefined> = [undefined]
  private readonly numbers = new Map<string, number>()

  constructor(private readonly limit = Infinity) {}

  numberOf(text: string | undefined): number {
    if (text === undefined) return 0
    let number = this.numbers.get(text)
    if (number === undefined) {
      if (this.texts.length >= this.limit) return -1
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
  /** The binary hashes, PAGE_SLOTS to a page. */
  private readonly hashPages: Buffer[] = []
  /** Open addressing by the hash's first four bytes (already uniform): slot + 1, 0 when empty. */
  private table = new Uint32Array(16)
  /** The URLs' bytes, in pages of URL_PAGE_BYTES; a URL's start is its page's number times that plus its offset. */
  private readonly urlPages: Buffer[] = []
  private urlsUsed = 0
  private readonly urlStart = uint32Column()
  private readonly urlLength = uint32Column()
  /** URLs that UTF-8 cannot carry unchanged (a lone surrogate), kept as strings: rare. */
  private readonly oddUrls = new Map<number, string>()
  /**
   * A URL's folder (all up to its last slash: "https://cdn.example.com/images/") is stored once for
   * all the URLs in it, and each URL's arena bytes are only the rest. Capped, so a folder per image
   * costs no more than the URLs themselves.
   */
  private readonly folders = new TextTable(MAX_URL_FOLDERS)
  private readonly urlFolder = uint32Column()
  private readonly mimes = new TextTable()
  private readonly reasons = new TextTable()
  private readonly details = new TextTable()
  private readonly state = uint8Column()
  private readonly mime = uint16Column()
  private readonly reason = uint16Column()
  private readonly detail = uint32Column()
  /** NaN stands for "not set" in the three optional numbers. */
  readonly size = float64Column(NaN)
  readonly lastUsed = float64Column(NaN)
  readonly retryAt = float64Column(NaN)
  readonly attempts = uint32Column()
  readonly pinned = uint8Column()
  readonly refGen = uint32Column()
  readonly refs = uint32Column()
  readonly refPriority = uint8Column()
  readonly refOrder = float64Column()
  /** The best priority the image is queued at (NOT_QUEUED when it is not): older queue items are stale. */
  readonly queuedPriority = uint8Column(NOT_QUEUED)
  readonly queuedOrder = float64Column()
  private readonly scratch = Buffer.alloc(HASH_BYTES)

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
    this.hashPages[slot >>> PAGE_BITS].set(key.subarray(0, HASH_BYTES), (slot & (PAGE_SLOTS - 1)) * HASH_BYTES)
    if ((this.count << 1) > this.table.length) this.rehash(this.table.length << 1)
    else this.place(slot)
    this.setUrl(slot, url)
    this.setState(slot, state)
    return slot
  }

  hashOf(slot: number): string {
    const at = (slot & (PAGE_SLOTS - 1)) * HASH_BYTES
    return this.hashPages[slot >>> PAGE_BITS].toString('hex', at, at + HASH_BYTES)
  }

  urlOf(slot: number): string {
    const odd = this.oddUrls.get(slot)
    if (odd !== undefined) return odd
    const start = this.urlStart.get(slot)
    const offset = start % URL_PAGE_BYTES
    const page = this.urlPages[(start - offset) / URL_PAGE_BYTES]
    const rest = page ? page.toString('utf8', offset, offset + this.urlLength.get(slot)) : ''
    const folder = this.urlFolder.get(slot)
    return folder === 0 ? rest : this.folders.textOf(folder)! + rest
  }

  setUrl(slot: number, url: string): void {
    const cut = url.lastIndexOf('/') + 1
    const folder = cut >= MIN_URL_FOLDER && cut <= MAX_URL_FOLDER ? Math.max(0, this.folders.numberOf(url.slice(0, cut))) : 0
    const rest = folder === 0 ? url : url.slice(cut)
    const bytes = Buffer.byteLength(rest, 'utf8')
    this.oddUrls.delete(slot)
    this.urlFolder.set(slot, folder)
    if (bytes > URL_PAGE_BYTES) {
      // Longer than a page (a data: URL): kept as it is.
      this.urlLength.set(slot, 0)
      this.oddUrls.set(slot, url)
      return
    }
    let offset = this.urlsUsed % URL_PAGE_BYTES
    if (this.urlPages.length === 0 || offset + bytes > URL_PAGE_BYTES) {
      this.urlPages.push(Buffer.alloc(URL_PAGE_BYTES))
      this.urlsUsed = (this.urlPages.length - 1) * URL_PAGE_BYTES
      offset = 0
    }
    const written = this.urlPages[this.urlPages.length - 1].write(rest, offset, 'utf8')
    this.urlStart.set(slot, this.urlsUsed)
    this.urlLength.set(slot, written)
    this.urlsUsed += written
    if (SURROGATE.test(url) && this.urlOf(slot) !== url) this.oddUrls.set(slot, url)
  }

  hasUrl(slot: number): boolean {
    return this.urlLength.get(slot) > 0 || this.urlFolder.get(slot) !== 0 || this.oddUrls.has(slot)
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
    const page = this.hashPages[slot >>> PAGE_BITS]
    const base = (slot & (PAGE_SLOTS - 1)) * HASH_BYTES
    for (let i = 0; i < HASH_BYTES; i++) if (page[base + i] !== key[i]) return false
    return true
  }

  private place(slot: number): void {
    const mask = this.table.length - 1
    let at = readKey(this.hashPages[slot >>> PAGE_BITS], (slot & (PAGE_SLOTS - 1)) * HASH_BYTES) & mask
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
    this.hashPages.push(Buffer.alloc(PAGE_SLOTS * HASH_BYTES))
  }
}

function readKey(bytes: Uint8Array, at = 0): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}
