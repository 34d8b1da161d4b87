type Timer = ReturnType<typeof setTimeout>

/** The library's timers: none fires after dispose, so a disposed library starts no new work. */
export class Timers {
  private readonly pending = new Set<Timer>()
  private disposed = false

  later(ms: number, run: () => void): Timer {
    const timer = setTimeout(() => {
      this.pending.delete(timer)
      if (!this.disposed) run()
    }, ms)
    this.pending.add(timer)
    return timer
  }

  /** Stops a timer; null, for the caller to store in its place. */
  clear(timer: Timer | null): null {
    if (timer !== null) {
      clearTimeout(timer)
      this.pending.delete(timer)
    }
    return null
  }

  dispose(): void {
    this.disposed = true
    for (const timer of this.pending) clearTimeout(timer)
    this.pending.clear()
  }
}
