import { Heap } from './heap'

interface Due {
  at: number
  hash: string
}

/** URLs to try again later, on one timer for all of them (100k failures must not mean 100k timers). */
export class RetryTimer {
  private readonly due = new Heap<Due>((a, b) => a.at < b.at)
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity

  constructor(
    private readonly onDue: (hash: string) => void,
    /** Whether a waiting retry should keep the process alive (true while a quick retry is pending). */
    private readonly keepsAlive: () => boolean
  ) {}

  add(hash: string, at: number): void {
    this.due.push({ at, hash })
    if (at < this.timerAt) this.arm()
    else if (this.keepsAlive()) this.timer?.ref()
  }

  clear(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
    this.due.clear()
  }

  private arm(): void {
    clearTimeout(this.timer)
    const next = this.due.peek()
    if (!next) {
      this.timer = undefined
      this.timerAt = Infinity
      return
    }
    this.timerAt = next.at
    // setTimeout overflows past ~24.8 days; later ones are re-armed as the time comes.
    const wait = Math.min(Math.max(0, next.at - Date.now()), 2 ** 31 - 1)
    this.timer = setTimeout(() => this.fire(), wait)
    if (!this.keepsAlive()) this.timer.unref()
  }

  private fire(): void {
    const now = Date.now()
    while (this.due.size > 0 && this.due.peek()!.at <= now) this.onDue(this.due.pop()!.hash)
    this.arm()
  }
}
