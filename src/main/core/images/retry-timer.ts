import { Heap } from './heap'
import { SlotList } from './slot-list'

/**
 * URLs to try again later, on one timer for all of them (100k failures must not mean 100k timers).
 * They are grouped by time: offline, every image fails with its host's "down until" time, so 100k
 * retries share a few times instead of taking an object each.
 */
export class RetryTimer {
  private readonly times = new Heap<number>((a, b) => a < b)
  private readonly dueAt = new Map<number, SlotList>()
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity

  constructor(
    private readonly onDue: (slot: number) => void,
    /** Whether a waiting retry should keep the process alive (true while a quick retry is pending). */
    private readonly keepsAlive: () => boolean
  ) {}

  /** `slot`: the image's slot in the index. */
  add(slot: number, at: number): void {
    let slots = this.dueAt.get(at)
    if (!slots) {
      this.dueAt.set(at, (slots = new SlotList()))
      this.times.push(at)
    }
    slots.push(slot)
    if (at < this.timerAt) this.arm()
    else if (this.keepsAlive()) this.timer?.ref()
  }

  clear(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
    this.times.clear()
    this.dueAt.clear()
  }

  private arm(): void {
    clearTimeout(this.timer)
    const next = this.times.peek()
    if (next === undefined) {
      this.timer = undefined
      this.timerAt = Infinity
      return
    }
    this.timerAt = next
    // setTimeout overflows past ~24.8 days; later ones are re-armed as the time comes.
    const wait = Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1)
    this.timer = setTimeout(() => this.fire(), wait)
    if (!this.keepsAlive()) this.timer.unref()
  }

  private fire(): void {
    const now = Date.now()
    while (this.times.size > 0 && this.times.peek()! <= now) {
      const at = this.times.pop()!
      const slots = this.dueAt.get(at)
      // Taken out first: a retry due again at this same time starts a group of its own.
      this.dueAt.delete(at)
      slots?.forEach((slot) => this.onDue(slot))
    }
    this.arm()
  }
}
