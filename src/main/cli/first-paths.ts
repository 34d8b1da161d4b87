// The first path read for each card id hash, for `tidings scan`'s copies. As a Map of strings, 100k paths
// and their Map entries stayed in the old generation (which sizes its collections by what survives) through
// the whole scan; here they are UTF-8 bytes in one growing arena, found through a table of typed arrays.

const EMPTY = -1

export class FirstPathByHash {
  private arena: Buffer = Buffer.allocUnsafe(1 << 16)
  private used = 0
  /** Where entry i's path starts in the arena; entry i ends where entry i + 1 starts (or at `used`). */
  private starts: Uint32Array = new Uint32Array(1024)
  private count = 0
  /** Open addressing: the hash and the entry of each slot (EMPTY when free). */
  private keys = new Float64Array(2048)
  private entries = new Int32Array(2048).fill(EMPTY)

  get size(): number {
    return this.count
  }

  has(hash: number): boolean {
    return this.entries[this.slotOf(hash)] !== EMPTY
  }

  get(hash: number): string | undefined {
    const entry = this.entries[this.slotOf(hash)]
    if (entry === EMPTY) return undefined
    const end = entry + 1 < this.count ? this.starts[entry + 1] : this.used
    return this.arena.toString('utf8', this.starts[entry], end)
  }

  /** Keeps `path` for `hash` unless the hash already has one; says whether it was kept. */
  add(hash: number, path: string): boolean {
    const slot = this.slotOf(hash)
    if (this.entries[slot] !== EMPTY) return false
    const bytes = Buffer.byteLength(path, 'utf8')
    if (this.used + bytes > this.arena.length) this.arena = grown(this.arena, this.used, this.used + bytes)
    if (this.count === this.starts.length) this.starts = grownArray(this.starts, this.count * 2)
    this.starts[this.count] = this.used
    this.used += this.arena.write(path, this.used, 'utf8')
    this.keys[slot] = hash
    this.entries[slot] = this.count++
    if (this.count * 2 > this.keys.length) this.rehash(this.keys.length * 2)
    return true
  }

  /** The slot holding `hash`, or the free slot where it would go. */
  private slotOf(hash: number): number {
    const mask = this.keys.length - 1
    // The low 32 bits of the 53-bit hash, mixed: the table's size is a power of two.
    let slot = Math.imul(hash >>> 0, 0x9e3779b1) & mask
    while (this.entries[slot] !== EMPTY && this.keys[slot] !== hash) slot = (slot + 1) & mask
    return slot
  }

  private rehash(capacity: number): void {
    const { keys, entries } = this
    this.keys = new Float64Array(capacity)
    this.entries = new Int32Array(capacity).fill(EMPTY)
    for (let i = 0; i < keys.length; i++) {
      if (entries[i] === EMPTY) continue
      const slot = this.slotOf(keys[i])
      this.keys[slot] = keys[i]
      this.entries[slot] = entries[i]
    }
  }
}

function grown(arena: Buffer, used: number, needed: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(needed, arena.length * 2))
  arena.copy(next, 0, 0, used)
  return next
}

function grownArray(array: Uint32Array, length: number): Uint32Array {
  const next = new Uint32Array(length)
  next.set(array)
  return next
}
