// Every image's record packed in typed arrays, one column per field, addressed by a slot number.
// A folder of 100k real cards names ~1.5 million images: as an object, a hex-hash string, a URL
// string and two map entries each they took ~420 bytes of V8 heap apiece (1.4 GB peak at 100k);
// here an image is ~170 bytes off the heap: its binary hash, its URL as UTF-8 in one arena, and its
// fields as numbers.
import type { FailureReason } from './retry-policy'

export type EntryState = 'cached' | 'failed' | 'pending' | 'evicted'
const STATES: readonly EntryState[] = ['cached', 'failed', 'pending', 'evicted']
const STATE_NUMBER: Record<EntryState, number> = { cached: 0, failed: 1, pending: 2, evicted: 3 }

const HASH_BYTES = 32
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

function grown<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(array: T, length: number, fill?: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length)
  bigger.set(array)
  if (fill !== undefined) bigger.fill(fill, array.length)
  return bigger
}

export class EntryStore {
  count = 0
  private capacity = 0
  private hashes = new Uint8Array(0)
  /** Open addressing by the hash's first four bytes (already uniform): slot + 1, 0 when empty. */
  private table = new Uint32Array(16)
  private urls: Buffer = Buffer.alloc(0)
  private urlsUsed = 0
  private urlStart = new Uint32Array(0)
  private urlEnd = new Uint32Array(0)
  /** URLs that UTF-8 cannot carry unchanged (a lone surrogate), kept as strings: rare. */
  private readonly oddUrls = new Map<number, string>()
  /**
   * A URL's folder (all up to its last slash: "https://cdn.example.com/images/") is stored once for
   * all the URLs in it, and each URL's arena bytes are only the rest. Capped, so a folder per image
   * costs no more than the URLs themselves.
   */
  private readonly folders = new TextTable(MAX_URL_FOLDERS)
  private urlFolder = new Uint32Array(0)
  private readonly mimes = new TextTable()
  private readonly reasons = new TextTable()
  private readonly details = new TextTable()
  state = new Uint8Array(0)
  mime = new Uint16Array(0)
  reason = new Uint16Array(0)
  detail = new Uint32Array(0)
  /** NaN stands for "not set" in the three optional numbers. */
  size = new Float64Array(0)
  lastUsed = new Float64Array(0)
  retryAt = new Float64Array(0)
  attempts = new Uint32Array(0)
  pinned = new Uint8Array(0)
  refGen = new Uint32Array(0)
  refs = new Uint32Array(0)
  refPriority = new Uint8Array(0)
  refOrder = new Float64Array(0)
  /** The best priority the image is queued at (NOT_QUEUED when it is not): older queue items are stale. */
  queuedPriority = new Uint8Array(0)
  queuedOrder = new Float64Array(0)
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
    this.hashes.set(key, slot * HASH_BYTES)
    if ((this.count << 1) > this.table.length) this.rehash(this.table.length << 1)
    else this.place(slot)
    this.setUrl(slot, url)
    this.setState(slot, state)
    return slot
  }

  hashOf(slot: number): string {
    return Buffer.from(this.hashes.buffer, this.hashes.byteOffset + slot * HASH_BYTES, HASH_BYTES).toString('hex')
  }

  urlOf(slot: number): string {
    const odd = this.oddUrls.get(slot)
    if (odd !== undefined) return odd
    const rest = this.urls.toString('utf8', this.urlStart[slot], this.urlEnd[slot])
    const folder = this.urlFolder[slot]
    return folder === 0 ? rest : this.folders.textOf(folder)! + rest
  }

  setUrl(slot: number, url: string): void {
    const cut = url.lastIndexOf('/') + 1
    const folder = cut >= MIN_URL_FOLDER && cut <= MAX_URL_FOLDER ? Math.max(0, this.folders.numberOf(url.slice(0, cut))) : 0
    const rest = folder === 0 ? url : url.slice(cut)
    const bytes = Buffer.byteLength(rest, 'utf8')
    if (this.urlsUsed + bytes > this.urls.length) this.urls = growBuffer(this.urls, this.urlsUsed + bytes)
    const written = this.urls.write(rest, this.urlsUsed, 'utf8')
    this.urlFolder[slot] = folder
    this.urlStart[slot] = this.urlsUsed
    this.urlEnd[slot] = this.urlsUsed + written
    this.urlsUsed += written
    this.oddUrls.delete(slot)
    if (SURROGATE.test(url) && this.urlOf(slot) !== url) this.oddUrls.set(slot, url)
  }

  hasUrl(slot: number): boolean {
    return this.urlEnd[slot] > this.urlStart[slot] || this.urlFolder[slot] !== 0 || this.oddUrls.has(slot)
  }

  stateOf(slot: number): EntryState {
    return STATES[this.state[slot]]
  }

  setState(slot: number, state: EntryState): void {
    this.state[slot] = STATE_NUMBER[state]
  }

  mimeOf(slot: number): string | undefined {
    return this.mimes.textOf(this.mime[slot])
  }

  setMime(slot: number, mime: string | undefined): void {
    this.mime[slot] = this.mimes.numberOf(mime)
  }

  reasonOf(slot: number): FailureReason | undefined {
    return this.reasons.textOf(this.reason[slot]) as FailureReason | undefined
  }

  setReason(slot: number, reason: FailureReason | undefined): void {
    this.reason[slot] = this.reasons.numberOf(reason)
  }

  detailOf(slot: number): string | undefined {
    return this.details.textOf(this.detail[slot])
  }

  setDetail(slot: number, detail: string | undefined): void {
    this.detail[slot] = this.details.numberOf(detail)
  }

  private bytesOfHex(hex: string): Buffer {
    this.scratch.write(hex, 'hex')
    return this.scratch
  }

  private sameHash(slot: number, key: Uint8Array): boolean {
    const base = slot * HASH_BYTES
    for (let i = 0; i < HASH_BYTES; i++) if (this.hashes[base + i] !== key[i]) return false
    return true
  }

  private place(slot: number): void {
    const mask = this.table.length - 1
    let at = readKey(this.hashes, slot * HASH_BYTES) & mask
    while (this.table[at] !== EMPTY) at = (at + 1) & mask
    this.table[at] = slot + 1
  }

  private rehash(length: number): void {
    this.table = new Uint32Array(length)
    for (let slot = 0; slot < this.count; slot++) this.place(slot)
  }

  private grow(): void {
    // By half, not double: the columns' spare room is memory held for the life of the process.
    const capacity = Math.max(1024, Math.ceil(this.capacity * 1.5))
    this.capacity = capacity
    this.hashes = grown(this.hashes, capacity * HASH_BYTES)
    this.urlStart = grown(this.urlStart, capacity)
    this.urlEnd = grown(this.urlEnd, capacity)
    this.urlFolder = grown(this.urlFolder, capacity)
    this.state = grown(this.state, capacity)
    this.mime = grown(this.mime, capacity)
    this.reason = grown(this.reason, capacity)
    this.detail = grown(this.detail, capacity)
    this.size = grown(this.size, capacity, NaN)
    this.lastUsed = grown(this.lastUsed, capacity, NaN)
    this.retryAt = grown(this.retryAt, capacity, NaN)
    this.attempts = grown(this.attempts, capacity)
    this.pinned = grown(this.pinned, capacity)
    this.refGen = grown(this.refGen, capacity)
    this.refs = grown(this.refs, capacity)
    this.refPriority = grown(this.refPriority, capacity)
    this.refOrder = grown(this.refOrder, capacity)
    this.queuedPriority = grown(this.queuedPriority, capacity, NOT_QUEUED)
    this.queuedOrder = grown(this.queuedOrder, capacity)
  }
}

function readKey(bytes: Uint8Array, at = 0): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}

function growBuffer(buffer: Buffer, atLeast: number): Buffer {
  const bigger = Buffer.alloc(Math.max(64 * 1024, Math.ceil(atLeast * 1.5)))
  buffer.copy(bigger)
  return bigger
}
