import { SerialQueue } from '../../../shared/serial-queue'

/**
 * Writes a file a while after it changes, one write at a time: changes made while a write waits
 * join it, and a write asked for while one runs follows it. Shared by the image index and the
 * tracked folder's file, which both rewrite often and must never write over themselves.
 */
export class DelayedWriter {
  private timer: NodeJS.Timeout | undefined
  private readonly writes = new SerialQueue()
  private isClosed = false

  /** `write` must settle the file (or keep its changes for the next write) and never reject. */
  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs: () => number
  ) {}

  get closed(): boolean {
    return this.isClosed
  }

  /** Writes after the delay, unless a write is already due. */
  schedule(): void {
    if (this.isClosed || this.timer) return
    this.timer = setTimeout(() => void this.flush(), this.delayMs())
  }

  /** Forgets the write that is due (one under way still ends). */
  cancel(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Writes now, after any write under way. */
  flush(): Promise<void> {
    this.cancel()
    return this.writes.run(this.write)
  }

  /** Writes what is due, then `last` (a compaction, say), and schedules nothing more. */
  async close(last?: () => Promise<void>): Promise<void> {
    await this.flush()
    if (last) await this.writes.run(last)
    this.isClosed = true
    this.cancel()
  }
}
