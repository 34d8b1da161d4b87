import { float64Column, uint32Column } from './paged-column'

/** Numbers below this are orders that stand for themselves (see numberOf). */
const DIRECT = 2 ** 31

/**
 * Download orders as 4-byte numbers. An order is minus a card's publish time (~-1.7e12, a float64),
 * minus a request counter, or 0; the index keeps two per image and the queue one per item, ~1.7
 * million images and ~1 million items in a 100k sync. Whole orders from -(2^31 - 1) to 0 (counters,
 * no date) are their own number; any other is numbered once, in the order first seen. The cards of
 * a folder share far fewer publish times than they name images.
 */
export class OrderNumbers {
  private readonly values = float64Column()
  private readonly numbers = new Map<number, number>()
  private count = 0

  /** Orders numbered so far (those that do not stand for themselves). */
  get numbered(): number {
    return this.count
  }

  numberOf(order: number): number {
    if (order <= 0 && order > -DIRECT && Number.isInteger(order)) return -order
    let number = this.numbers.get(order)
    if (number === undefined) {
      number = this.count++
      this.values.set(number, order)
      this.numbers.set(order, number)
    }
    return DIRECT + number
  }

  valueOf(number: number): number {
    if (number >= DIRECT) return this.values.get(number - DIRECT)
    // Not -0: an unset column reads 0, and a 0 given is given back as 0.
    return number === 0 ? 0 : -number
  }
}

/** One numbering for the process: the index's columns and the queue's heaps compare the same orders. */
export const orderNumbers = new OrderNumbers()

/** A column of orders by slot, 4 bytes each (see OrderNumbers); reads 0 where never set. */
export class OrderColumn {
  private readonly numbers = uint32Column()

  get(slot: number): number {
    return orderNumbers.valueOf(this.numbers.get(slot))
  }

  set(slot: number, order: number): void {
    this.numbers.set(slot, orderNumbers.numberOf(order))
  }

  truncate(count: number): void {
    this.numbers.truncate(count)
  }
}
