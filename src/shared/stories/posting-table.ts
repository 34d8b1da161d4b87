// The clustering's candidate index: a value per whole-number key, in an
// open-addressing table of typed arrays. A first build of 100k cards makes
// about a million keys and looks up 1.7 million, most of them missing; a Map
// that size spent a third of the build on them (hash buckets, entry chains and
// rehashing as it grew), where a miss here reads one slot of one array.

const EMPTY = -1

/** A packed array of `length` empty slots (new Array(length) of a million is a slow dictionary). */
function emptySlots<V>(length: number): (V | undefined)[] {
  const slots: (V | undefined)[] = []
  for (let i = 0; i < length; i++) slots.push(undefined)
  return slots
}

/** Keys are whole numbers from 0 to 2^53. A deleted key keeps its slot (probe chains stay whole) until the table grows. */
export class PostingTable<V> {
  private keys = new Float64Array(16).fill(EMPTY)
  private values = emptySlots<V>(16)
  private bits = 4
  /** Slots holding a key, deleted ones included. */
  private used = 0

  get(key: number): V | undefined {
    const mask = this.keys.length - 1
    for (let slot = this.slotOf(key); ; slot = (slot + 1) & mask) {
      const held = this.keys[slot]
      if (held === key) return this.values[slot]
      if (held === EMPTY) return undefined
    }
  }

  set(key: number, value: V): void {
    const mask = this.keys.length - 1
    let slot = this.slotOf(key)
    while (this.keys[slot] !== key && this.keys[slot] !== EMPTY) slot = (slot + 1) & mask
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = key
      this.used++
    }
    this.values[slot] = value
    if (this.used * 10 > this.keys.length * 7) this.resize()
  }

  delete(key: number): void {
    const mask = this.keys.length - 1
    for (let slot = this.slotOf(key); this.keys[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (this.keys[slot] !== key) continue
      this.values[slot] = undefined
      return
    }
  }

  clear(): void {
    this.keys = new Float64Array(16).fill(EMPTY)
    this.values = emptySlots<V>(16)
    this.bits = 4
    this.used = 0
  }

  /** Fibonacci hashing of both halves of the key: neighbouring keys land far apart. */
  private slotOf(key: number): number {
    const high = Math.floor(key / 4_294_967_296)
    return Math.imul((key >>> 0) ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits)
  }

  /** Rehashes the live keys into a table at most half full (deleted keys are dropped here). */
  private resize(): void {
    const keys = this.keys
    const values = this.values
    let live = 0
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== EMPTY && values[slot] !== undefined) live++
    let bits = 4
    while (live * 2 > 1 << bits) bits++
    this.keys = new Float64Array(1 << bits).fill(EMPTY)
    this.values = emptySlots<V>(1 << bits)
    this.bits = bits
    this.used = 0
    const mask = (1 << bits) - 1
    for (let slot = 0; slot < keys.length; slot++) {
      const value = values[slot]
      if (keys[slot] === EMPTY || value === undefined) continue
      let to = this.slotOf(keys[slot])
      while (this.keys[to] !== EMPTY) to = (to + 1) & mask
      this.keys[to] = keys[slot]
      this.values[to] = value
      this.used++
    }
  }
}
