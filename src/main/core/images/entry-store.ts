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

function grown<T extends Float64Array | Uint32Array | Uint8Array>(array: T, length: number, fill?: number): T {
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
  private readonly texts = new TextTable()
  state = new Uint8Array(0)
  mime = new Uint32Array(0)
  reason = new Uint32Array(0)
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
    return this.urls.toString('utf8', this.urlStart[slot], this.urlEnd[slot])
  }

  setUrl(slot: number, url: string): void {
    const bytes = Buffer.byteLength(url, 'utf8')
    if (this.urlsUsed + bytes > this.urls.length) this.urls = growBuffer(this.urls, this.urlsUsed + bytes)
    const written = this.urls.write(url, this.urlsUsed, 'utf8')
    this.urlStart[slot] = this.urlsUsed
    this.urlEnd[slot] = this.urlsUsed + written
    this.urlsUsed += written
    if (this.urls.toString('utf8', this.urlStart[slot], this.urlEnd[slot]) !== url) this.oddUrls.set(slot, url)
    else this.oddUrls.delete(slot)
  }

  hasUrl(slot: number): boolean {
    return this.urlEnd[slot] > this.urlStart[slot] || this.oddUrls.has(slot)
  }

  stateOf(slot: number): EntryState {
    return STATES[this.state[slot]]
  }

  setState(slot: number, state: EntryState): void {
    this.state[slot] = STATE_NUMBER[state]
  }

  textOf(column: Uint32Array, slot: number): string | undefined {
    return this.texts.textOf(column[slot])
  }

  setText(column: Uint32Array, slot: number, text: string | undefined): void {
    column[slot] = this.texts.numberOf(text)
  }

  reasonOf(slot: number): FailureReason | undefined {
    return this.texts.textOf(this.reason[slot]) as FailureReason | undefined
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
