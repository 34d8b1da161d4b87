import { uint32Column, type PagedColumn } from './paged-column'

/** Where a card's slots sit in a CardSlots pool. */
export interface SlotRun {
  start: number
  count: number
}

/**
 * The image slots of every tracked card, back to back in pages of 4-byte numbers. A 100k sync's
 * cards name ~2.5 million images; an array per card took 8 bytes a slot (Node's V8 keeps full-width
 * Smis) and ~48 bytes of array headers. A replaced or removed card leaves its run behind as a hole;
 * once holes outweigh what is live, `compact` packs the live runs into fresh pages.
 */
export class CardSlots {
  private column: PagedColumn = uint32Column()
  /** Where the next run starts. */
  private end = 0
  private live = 0

  /** Slots held by live runs, and by holes. */
  get usage(): { live: number; held: number } {
    return { live: this.live, held: this.end }
  }

  add(slots: readonly number[]): SlotRun {
    const start = this.end
    for (let i = 0; i < slots.length; i++) this.column.set(start + i, slots[i])
    this.end += slots.length
    this.live += slots.length
    return { start, count: slots.length }
  }

  get(run: SlotRun, i: number): number {
    return this.column.get(run.start + i)
  }

  /** The run's slots, in a new array. */
  slotsOf(run: SlotRun): number[] {
    const slots = new Array<number>(run.count)
    for (let i = 0; i < run.count; i++) slots[i] = this.column.get(run.start + i)
    return slots
  }

  /** The run is no longer used (its space is taken back by the next `compact`). */
  release(run: SlotRun): void {
    this.live -= run.count
  }

  /** Whether the holes are worth a compaction. */
  get wasteful(): boolean {
    return this.end > 2 * this.live + 65_536
  }

  /** Packs the live runs (every one of them, given here) into fresh pages, moving each run's start. */
  compact(runs: Iterable<SlotRun>): void {
    const old = this.column
    this.column = uint32Column()
    let at = 0
    for (const run of runs) {
      for (let i = 0; i < run.count; i++) this.column.set(at + i, old.get(run.start + i))
      run.start = at
      at += run.count
    }
    this.end = at
    this.live = at
  }
}
