// The first path met for each card id hash, for the CLI's streamed scan of a large folder. A
// Map<number, string> of 100k entries kept 100k path strings (cloned from the workers' replies) and
// the Map's own entries on the main thread's heap, which V8 then let grow to a multiple of that.
// Here the hashes sit in one Float64Array (open addressing) and the paths in a Utf8Arena, off the
// heap: a few MB at 100k cards, and only the few paths asked for again become strings.
import { Utf8Arena } from './utf8-arena'

const EMPTY = -1
const MAX_LOAD = 0.6

export class FirstPathByHash {
  /** Hashes (whole numbers below 2^53, exact in a double), EMPTY where free. */
  private keys = new Float64Array(1024).fill(EMPTY)
  /** For each slot, the number of its path in the arena. */
  private pathNumbers = new Int32Array(1024)
  private readonly paths = new Utf8Arena()

  get size(): number {
    return this.paths.length
  }

  /** Records `path` for `hash` unless the hash already has one; true when it was new. */
  addIfNew(hash: number, path: string): boolean {
    const slot = this.slotOf(hash)
    if (this.keys[slot] !== EMPTY) return false
    this.keys[slot] = hash
    this.pathNumbers[slot] = this.paths.add(path)
    if (this.paths.length > this.keys.length * MAX_LOAD) this.grow()
    return true
  }

  get(hash: number): string | undefined {
    const slot = this.slotOf(hash)
    if (this.keys[slot] === EMPTY) return undefined
    return this.paths.at(this.pathNumbers[slot])
  }

  /** The slot holding `hash`, or the free slot where it would go. */
  private slotOf(hash: number): number {
    const mask = this.keys.length - 1
    // hashId's low 32 bits hold both of its rounds: 21 bits of one and 11 of the other.
    let slot = (hash >>> 0) & mask
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== hash) slot = (slot + 1) & mask
    return slot
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
