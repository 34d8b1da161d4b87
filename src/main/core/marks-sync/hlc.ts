// A hybrid logical clock: wall time plus a counter, then the device id to break ties.
// A device stamps a mark no earlier than any stamp it has seen, so a device whose
// clock runs ahead wins only until another device has seen its marks and marks again.

export interface Stamp {
  /** Wall time in ms (the largest this device had seen when it stamped). */
  t: number
  /** Orders stamps within one millisecond. */
  c: number
  /** The device that made the mark. */
  d: string
}

/** Total order: time, then counter, then device id. Every device sorts the same stamps the same way. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1
  if (a.c !== b.c) return a.c < b.c ? -1 : 1
  return a.d < b.d ? -1 : a.d > b.d ? 1 : 0
}

export class HybridClock {
  private t = 0
  private c = 0

  constructor(
    readonly device: string,
    private readonly wallTime: () => number = Date.now
  ) {}

  /**
   * A stamp later than every stamp made or seen here. `madeAt` is the mark's own time when it has one
   * (the window's clock, on this same machine): the stamp keeps it unless a later stamp was seen.
   */
  now(madeAt?: number): Stamp {
    const physical = madeAt ?? this.wallTime()
    if (physical > this.t) {
      this.t = physical
      this.c = 0
    } else {
      this.c++
    }
    return { t: this.t, c: this.c, d: this.device }
  }

  /** Takes in a stamp read from any device's file, so the next local stamp comes after it. */
  observe(stamp: Stamp): void {
    if (stamp.t > this.t || (stamp.t === this.t && stamp.c > this.c)) {
      this.t = stamp.t
      this.c = stamp.c
    }
  }
}
