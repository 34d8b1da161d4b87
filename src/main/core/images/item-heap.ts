/** What the heap holds for a queued download (the queue's QueueItem, by shape). */
export interface PackedItem {
  slot: number
  host: string
  priority: number
  order: number
  seq: number
}

/** Host names by number, shared by a queue's heaps. */
export class HostNumbers {
  private readonly names: string[] = []
  private readonly numbers = new Map<string, number>()

  numberOf(host: string): number {
    let number = this.numbers.get(host)
    if (number === undefined) {
      number = this.names.length
      this.names.push(host)
      this.numbers.set(host, number)
    }
    return number
  }

  nameOf(number: number): string {
    return this.names[number]
  }
}

/**
 * The download queue's min-heap (priority, then order, then arrival), packed in typed arrays: ~29
 * bytes an item where an object each took ~50 of V8 heap, and a first sync of 100k cards queues
 * ~1.5 million images. Items are objects only on their way in and out.
 */
export class ItemHeap {
  private length = 0
  private priority = new Uint8Array(64)
  private order = new Float64Array(64)
  private seq = new Float64Array(64)
  private slot = new Uint32Array(64)
  private host = new Uint32Array(64)

  constructor(private readonly hosts: HostNumbers) {}

  get size(): number {
    return this.length
  }

  push(item: PackedItem): void {
    if (this.length === this.slot.length) this.grow()
    let child = this.length++
    this.put(child, item.priority, item.order, item.seq, item.slot, this.hosts.numberOf(item.host))
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (!this.before(child, parent)) break
      this.swap(child, parent)
      child = parent
    }
  }

  pop(): PackedItem | undefined {
    if (this.length === 0) return undefined
    const top: PackedItem = { slot: this.slot[0], host: this.hosts.nameOf(this.host[0]), priority: this.priority[0], order: this.order[0], seq: this.seq[0] }
    const last = --this.length
    if (last > 0) {
      this.put(0, this.priority[last], this.order[last], this.seq[last], this.slot[last], this.host[last])
      let parent = 0
      for (;;) {
        const left = parent * 2 + 1
        const right = left + 1
        let first = parent
        if (left < this.length && this.before(left, first)) first = left
        if (right < this.length && this.before(right, first)) first = right
        if (first === parent) break
        this.swap(parent, first)
        parent = first
      }
    }
    if (this.length === 0 && this.slot.length > 64) this.clear()
    return top
  }

  clear(): void {
    this.length = 0
    this.priority = new Uint8Array(64)
    this.order = new Float64Array(64)
    this.seq = new Float64Array(64)
    this.slot = new Uint32Array(64)
    this.host = new Uint32Array(64)
  }

  private before(a: number, b: number): boolean {
    if (this.priority[a] !== this.priority[b]) return this.priority[a] < this.priority[b]
    if (this.order[a] !== this.order[b]) return this.order[a] < this.order[b]
    return this.seq[a] < this.seq[b]
  }

  private put(at: number, priority: number, order: number, seq: number, slot: number, host: number): void {
    this.priority[at] = priority
    this.order[at] = order
    this.seq[at] = seq
    this.slot[at] = slot
    this.host[at] = host
  }

  private swap(a: number, b: number): void {
    const { priority, order, seq, slot, host } = this
    ;[priority[a], priority[b]] = [priority[b], priority[a]]
    ;[order[a], order[b]] = [order[b], order[a]]
    ;[seq[a], seq[b]] = [seq[b], seq[a]]
    ;[slot[a], slot[b]] = [slot[b], slot[a]]
    ;[host[a], host[b]] = [host[b], host[a]]
  }

  private grow(): void {
    const length = this.slot.length * 2
    const grown = <T extends Uint8Array | Uint32Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const bigger = make(length)
      bigger.set(array)
      return bigger
    }
    this.priority = grown(this.priority, (n) => new Uint8Array(n))
    this.order = grown(this.order, (n) => new Float64Array(n))
    this.seq = grown(this.seq, (n) => new Float64Array(n))
    this.slot = grown(this.slot, (n) => new Uint32Array(n))
    this.host = grown(this.host, (n) => new Uint32Array(n))
  }
}
