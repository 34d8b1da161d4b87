/** Slots moved from the plain tail into a typed chunk at a time. */
const CHUNK = 4096

/**
 * A list of image slots that grows by appending: 4 bytes a slot once it is long. Offline, every
 * image of a 100k sync fails with its host's "down until" time, so one retry group holds ~1.7
 * million slots: as a plain array that was 8 bytes each (Node's V8 keeps full-width Smis) plus up
 * to half again of spare capacity, ~20 MB of heap. Short lists (a quick retry's own time) stay a
 * small plain array, cheaper than a typed array's fixed overhead.
 */
export class SlotList {
  private readonly chunks: Uint32Array[] = []
  private tail: number[] = []

  get size(): number {
    return this.chunks.length * CHUNK + this.tail.length
  }

  /** How many slots sit in typed chunks (the rest in the plain tail). */
  get packed(): number {
    return this.chunks.length * CHUNK
  }

  push(slot: number): void {
    this.tail.push(slot)
    if (this.tail.length === CHUNK) {
      this.chunks.push(Uint32Array.from(this.tail))
      this.tail = []
    }
  }

  forEach(visit: (slot: number) => void): void {
    for (const chunk of this.chunks) for (const slot of chunk) visit(slot)
    for (const slot of this.tail) visit(slot)
  }
}
