import { HostNumbers, ItemHeap } from './item-heap'

/** Download priority classes, highest first. */
export const PRIORITY = { visible: 0, own: 1, related: 2 } as const
export type PriorityClass = (typeof PRIORITY)[keyof typeof PRIORITY]

export interface QueueItem {
  /** The image's slot in the index. */
  slot: number
  host: string
  priority: PriorityClass
  /** Within a class, lower first: minus the card's publish time (newest first), or minus a request counter. */
  order: number
  seq: number
}

export interface QueueLimits {
  concurrency: number
  perHost: number
}

/** Strictly more urgent, ignoring arrival order. Plain numbers: called for every image of 100k cards. */
export function ranksBefore(priority: number, order: number, thanPriority: number, thanOrder: number): boolean {
  return priority !== thanPriority ? priority < thanPriority : order < thanOrder
}

/**
 * Priority order under a global and a per-host limit. An item whose host is busy waits in that
 * host's own heap, so one slow host with 100k images never makes the queue rescan them.
 * Items are never updated in place: re-queuing at a better priority pushes a new item, and
 * `isWanted` discards the stale or no longer needed ones as they come out.
 */
export class DownloadQueue {
  private readonly hosts = new HostNumbers()
  private readonly ready = new ItemHeap(this.hosts)
  private readonly waitingForHost = new Map<string, ItemHeap>()
  private readonly activeByHost = new Map<string, number>()
  private active = 0
  private seq = 0

  constructor(
    private limits: QueueLimits,
    private readonly isWanted: (item: QueueItem) => boolean
  ) {}

  get activeCount(): number {
    return this.active
  }

  /** True when nothing is queued or running. */
  get isEmpty(): boolean {
    return this.active === 0 && this.ready.size === 0 && this.waitingForHost.size === 0
  }

  push(slot: number, host: string, priority: PriorityClass, order: number): void {
    this.ready.push({ slot, host, priority, order, seq: this.seq })
    // The heap keeps arrival numbers in 32 bits (see ItemHeap).
    this.seq = (this.seq + 1) >>> 0
  }

  /** The next item to start, counted as running until `release`; null when none may start now. */
  take(): QueueItem | null {
    while (this.active < this.limits.concurrency) {
      const item = this.ready.pop() as QueueItem | undefined
      if (!item) return null
      if (!this.isWanted(item)) continue
      if ((this.activeByHost.get(item.host) ?? 0) >= this.limits.perHost) {
        this.waitFor(item)
        continue
      }
      this.active++
      this.activeByHost.set(item.host, (this.activeByHost.get(item.host) ?? 0) + 1)
      return item
    }
    return null
  }

  release(item: QueueItem): void {
    this.active--
    const left = (this.activeByHost.get(item.host) ?? 1) - 1
    if (left > 0) this.activeByHost.set(item.host, left)
    else this.activeByHost.delete(item.host)
    this.wakeHost(item.host)
  }

  setLimits(limits: QueueLimits): void {
    this.limits = limits
    for (const host of [...this.waitingForHost.keys()]) this.wakeHost(host)
  }

  clear(): void {
    this.ready.clear()
    this.waitingForHost.clear()
  }

  private waitFor(item: QueueItem): void {
    let waiting = this.waitingForHost.get(item.host)
    if (!waiting) this.waitingForHost.set(item.host, (waiting = new ItemHeap(this.hosts)))
    waiting.push(item)
  }

  // Hands the host's best still-wanted waiting item back for each free slot of that host.
  private wakeHost(host: string): void {
    const waiting = this.waitingForHost.get(host)
    if (!waiting) return
    let free = this.limits.perHost - (this.activeByHost.get(host) ?? 0)
    while (free > 0 && waiting.size > 0) {
      const item = waiting.pop() as QueueItem
      if (!this.isWanted(item)) continue
      this.ready.push(item)
      free--
    }
    if (waiting.size === 0) this.waitingForHost.delete(host)
  }
}
