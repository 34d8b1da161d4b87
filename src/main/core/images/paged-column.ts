type NumberArray = Float64Array | Uint32Array | Uint16Array | Uint8Array

/** Slots per page: pages of 16k numbers (16-128 KB). */
export const PAGE_BITS = 14
export const PAGE_SLOTS = 1 << PAGE_BITS
const SLOT_MASK = PAGE_SLOTS - 1

/**
 * A column of numbers by slot, in fixed pages: growing adds a page and never copies, so a column of
 * 1.5 million images does not briefly exist twice (a whole-array copy held old and new until a GC).
 * A page is made by the first write of a value other than the initial one: an offline sync never
 * stores a size, a type or a last use, and those columns then cost nothing.
 */
export class PagedColumn {
  private readonly pages: Array<NumberArray | undefined> = []

  constructor(
    private readonly makePage: () => NumberArray,
    /** The value of a slot never set. */
    private readonly initial = 0
  ) {}

  get(slot: number): number {
    const page = this.pages[slot >>> PAGE_BITS]
    return page === undefined ? this.initial : page[slot & SLOT_MASK]
  }

  set(slot: number, value: number): void {
    const number = slot >>> PAGE_BITS
    let page = this.pages[number]
    if (page === undefined) {
      if (Object.is(value, this.initial)) return
      page = this.makePage()
      if (this.initial !== 0) page.fill(this.initial)
      while (this.pages.length < number) this.pages.push(undefined)
      this.pages[number] = page
    }
    page[slot & SLOT_MASK] = value
  }

  /** Pages made so far and still held. */
  get pagesHeld(): number {
    return this.pages.filter((page) => page !== undefined).length
  }

  /** Lets go of the pages past slot count - 1 (their slots read as never set again). */
  truncate(count: number): void {
    this.pages.length = Math.min(this.pages.length, Math.ceil(count / PAGE_SLOTS))
  }
}

export const float64Column = (initial = 0): PagedColumn => new PagedColumn(() => new Float64Array(PAGE_SLOTS), initial)
export const uint32Column = (): PagedColumn => new PagedColumn(() => new Uint32Array(PAGE_SLOTS))
export const uint16Column = (): PagedColumn => new PagedColumn(() => new Uint16Array(PAGE_SLOTS))
export const uint8Column = (initial = 0): PagedColumn => new PagedColumn(() => new Uint8Array(PAGE_SLOTS), initial)

const TWO_32 = 2 ** 32

/**
 * Whole numbers from 0 to 2^48 - 1 (offsets in a file) in 4 bytes a slot: the high 16 bits go to a
 * column of their own whose pages exist only once a value reaches 4 GB, which a scratch file of
 * 1.7 million URLs (~230 MB) never does.
 */
export class WideColumn {
  private readonly low = uint32Column()
  private readonly high = uint16Column()

  get(slot: number): number {
    return this.high.get(slot) * TWO_32 + this.low.get(slot)
  }

  set(slot: number, value: number): void {
    this.low.set(slot, value % TWO_32)
    this.high.set(slot, Math.floor(value / TWO_32))
  }

  /** Pages of the high part made so far. */
  get highPagesHeld(): number {
    return this.high.pagesHeld
  }
}

const NARROW_MAX = 0xffff

/**
 * Whole numbers from 0 up in 2 bytes a slot, for fields nearly always small (a URL's length, a
 * failure detail's number): a value of 65535 or more marks its slot, and the value itself goes to a
 * map. 1.7 million images x 2 bytes saved, for a few data: URLs or hosts past the 65535th.
 */
export class NarrowColumn {
  private readonly small = uint16Column()
  private readonly large = new Map<number, number>()

  get(slot: number): number {
    const value = this.small.get(slot)
    return value === NARROW_MAX ? this.large.get(slot)! : value
  }

  set(slot: number, value: number): void {
    if (value < NARROW_MAX) {
      if (this.small.get(slot) === NARROW_MAX) this.large.delete(slot)
      this.small.set(slot, value)
      return
    }
    this.small.set(slot, NARROW_MAX)
    this.large.set(slot, value)
  }

  /** Slots whose value is in the map. */
  get largeCount(): number {
    return this.large.size
  }
}
