import { OrderColumn } from './order-numbers'
import { PAGE_SLOTS, uint32Column, uint8Column } from './paged-column'

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
 * The download queue's min-heap (priority, then order, then arrival), packed in typed arrays: 17
 * bytes an item where an object each took ~50 of V8 heap, and a first sync of 100k cards queues
 * ~1.5 million images. Items are objects only on their way in and out. The arrays grow by pages of
 * 16k items: doubling left up to half of a 60 MB heap unused and held old and new during the copy.
 */
export class ItemHeap {
  private length = 0
  private readonly priority = uint8Column()
  private readonly order = new OrderColumn()
  /** Mod 2^32: only ties of equal priority and order go by it, and 4 billion pushes are ~1,600 full 100k syncs. */
  private readonly seq = uint32Column()
  private readonly slot = uint32Column()
  private readonly host = uint32Column()

  constructor(private readonly hosts: HostNumbers) {}

  get size(): number {
    return this.length
  }

  push(item: PackedItem): void {
    let child = this.length++
    const host = this.hosts.numberOf(item.host)
    // Parents that rank after the new item move down into the hole; the item goes where it stops.
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (!this.comesBefore(item.priority, item.order, item.seq, parent)) break
      this.move(parent, child)
      child = parent
    }
    this.put(child, item.priority, item.order, item.seq, item.slot, host)
  }

  pop(): PackedItem | undefined {
    if (this.length === 0) return undefined
    const top: PackedItem = { slot: this.slot.get(0), host: this.hosts.nameOf(this.host.get(0)), priority: this.priority.get(0), order: this.order.get(0), seq: this.seq.get(0) }
    const last = --this.length
    if (last > 0) {
      const priority = this.priority.get(last)
      const order = this.order.get(last)
      const seq = this.seq.get(last)
      const slot = this.slot.get(last)
      const host = this.host.get(last)
      let parent = 0
      for (;;) {
        const left = parent * 2 + 1
        if (left >= last) break
        const right = left + 1
        const first = right < last && this.before(right, left) ? right : left
        // The moved item stays when its smaller child does not come before it.
        if (this.comesBefore(priority, order, seq, first)) break
        this.move(first, parent)
        parent = first
      }
      this.put(parent, priority, order, seq, slot, host)
    }
    // One spare page is kept, so a queue going up and down across a page's edge does not churn.
    if ((this.length & (PAGE_SLOTS - 1)) === 0) this.truncate(this.length + PAGE_SLOTS)
    return top
  }

  clear(): void {
    this.length = 0
    this.truncate(0)
  }

  private truncate(count: number): void {
    for (const column of [this.priority, this.order, this.seq, this.slot, this.host]) column.truncate(count)
  }

  /** Whether an item of (priority, order, seq) comes out before the one at `at`. */
  private comesBefore(priority: number, order: number, seq: number, at: number): boolean {
    const atPriority = this.priority.get(at)
    if (priority !== atPriority) return priority < atPriority
    const atOrder = this.order.get(at)
    if (order !== atOrder) return order < atOrder
    return seq < this.seq.get(at)
  }

  private before(a: number, b: number): boolean {
    return this.comesBefore(this.priority.get(a), this.order.get(a), this.seq.get(a), b)
  }

  private put(at: number, priority: number, order: number, seq: number, slot: number, host: number): void {
    this.priority.set(at, priority)
    this.order.set(at, order)
    this.seq.set(at, seq)
    this.slot.set(at, slot)
    this.host.set(at, host)
  }

  private move(from: number, to: number): void {
    this.put(to, this.priority.get(from), this.order.get(from), this.seq.get(from), this.slot.get(from), this.host.get(from))
  }
}
