type NumberArray = Float64Array | Uint32Array | Uint16Array | Uint8Array

/** Slots per page: pages of 16k numbers (16-128 KB). */
export const PAGE_BITS = 14
export const PAGE_SLOTS = 1 << PAGE_BITS
const SLOT_MASK = PAGE_SLOTS - 1

/**
 * A column of numbers by slot, in fixed pages: growing adds a page and never copies, so a column of
 * 1.5 million images does not briefly exist twice (a whole-array copy held old and new until a GC).
 */
export class PagedColumn {
  private readonly pages: NumberArray[] = []

  constructor(
    private readonly makePage: () => NumberArray,
    /** The value of a slot never set. */
    private readonly initial = 0
  ) {}

  get(slot: number): number {
    return this.pages[slot >>> PAGE_BITS][slot & SLOT_MASK]
  }

  set(slot: number, value: number): void {
    this.pages[slot >>> PAGE_BITS][slot & SLOT_MASK] = value
  }

  /** Makes room for slots 0 to count - 1. */
  reserve(count: number): void {
    while (this.pages.length * PAGE_SLOTS < count) {
      const page = this.makePage()
      if (this.initial !== 0) page.fill(this.initial)
      this.pages.push(page)
    }
  }
}

export const float64Column = (initial = 0): PagedColumn => new PagedColumn(() => new Float64Array(PAGE_SLOTS), initial)
export const uint32Column = (): PagedColumn => new PagedColumn(() => new Uint32Array(PAGE_SLOTS))
export const uint16Column = (): PagedColumn => new PagedColumn(() => new Uint16Array(PAGE_SLOTS))
export const uint8Column = (initial = 0): PagedColumn => new PagedColumn(() => new Uint8Array(PAGE_SLOTS), initial)
