// The first path met for each card id hash, for the CLI's streamed scan of a large folder. A
// Map<number, string> of 100k entries kept 100k path strings (cloned from the workers' replies) and
// the Map's own entries on the main thread's heap, which V8 then let grow to a multiple of that.
// Here the hashes sit in one Float64Array (open addressing) and the paths as UTF-8 in one byte arena,
// off the heap: a few MB at 100k cards, and only the few paths asked for again become strings.

const EMPTY = -1
const MAX_LOAD = 0.6
const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder()

export class FirstPathByHash {
  /** Hashes (whole numbers below 2^53, exact in a double), EMPTY where free. */
  private keys = new Float64Array(1024).fill(EMPTY)
  /** For each slot, the number of its path in the arena. */
  private pathNumbers = new Int32Array(1024)
  private bytes = new Uint8Array(64 * 1024)
  private bytesUsed = 0
  /** Where path n starts in `bytes`; it ends where path n + 1 starts. */
  private starts = new Uint32Array(1024)
  private count = 0

  get size(): number {
    return this.count
  }

  /** Records `path` for `hash` unless the hash already has one; true when it was new. */
  addIfNew(hash: number, path: string): boolean {
    const slot = this.slotOf(hash)
    if (this.keys[slot] !== EMPTY) return false
    this.keys[slot] = hash
    this.pathNumbers[slot] = this.appendPath(path)
    this.count++
    if (this.count > this.keys.length * MAX_LOAD) this.grow()
    return true
  }

  get(hash: number): string | undefined {
    const slot = this.slotOf(hash)
    if (this.keys[slot] === EMPTY) return undefined
    const n = this.pathNumbers[slot]
    return utf8Decoder.decode(this.bytes.subarray(this.starts[n], this.starts[n + 1]))
  }

  /** The slot holding `hash`, or the free slot where it would go. */
  private slotOf(hash: number): number {
    const mask = this.keys.length - 1
    // hashId's low 32 bits hold both of its rounds: 21 bits of one and 11 of the other.
    let slot = (hash >>> 0) & mask
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== hash) slot = (slot + 1) & mask
    return slot
  }

  private appendPath(path: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = path.length * 3
    if (this.bytesUsed + room > this.bytes.length) this.bytes = grown(this.bytes, this.bytesUsed + room)
    this.bytesUsed += utf8Encoder.encodeInto(path, this.bytes.subarray(this.bytesUsed)).written
    const n = this.count
    if (n + 2 > this.starts.length) this.starts = grown(this.starts, n + 2)
    this.starts[n + 1] = this.bytesUsed
    return n
  }

  private grow(): void {
    const oldKeys = this.keys
    const oldNumbers = this.pathNumbers
    this.keys = new Float64Array(oldKeys.length * 2).fill(EMPTY)
    this.pathNumbers = new Int32Array(oldKeys.length * 2)
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] === EMPTY) continue
      const slot = this.slotOf(oldKeys[i])
      this.keys[slot] = oldKeys[i]
      this.pathNumbers[slot] = oldNumbers[i]
    }
  }
}

function grown<T extends Uint8Array | Uint32Array>(array: T, atLeast: number): T {
  let length = array.length * 2
  while (length < atLeast) length *= 2
  const bigger = new (array.constructor as new (length: number) => T)(length)
  bigger.set(array)
  return bigger
}
