import { describe, expect, it } from 'vitest'
import { OrderColumn, OrderNumbers } from './order-numbers'

describe('download orders as numbers', () => {
  it('gives every order back exactly: publish times, counters, 0 and fractions', () => {
    const orders = new OrderNumbers()
    const values = [0, -1, -42, -(2 ** 31 - 1), -(2 ** 31), -1.7e12, -1_712_345_678_901, 0.5, -0.25, 7, 2 ** 40, -Number.MAX_VALUE]
    for (const value of values) expect(orders.valueOf(orders.numberOf(value))).toBe(value)
    expect(Object.is(orders.valueOf(orders.numberOf(-0)), 0)).toBe(true)
  })

  it('numbers each publish time once, and counters not at all', () => {
    const orders = new OrderNumbers()
    for (let i = 1; i <= 1000; i++) orders.numberOf(-i)
    expect(orders.numbered).toBe(0)
    const a = orders.numberOf(-1.7e12)
    expect(orders.numberOf(-1.7e12)).toBe(a)
    expect(orders.numberOf(-1.7e12 - 1000)).not.toBe(a)
    expect(orders.numbered).toBe(2)
  })

  it('keeps a column of orders by slot, 0 where never set', () => {
    const column = new OrderColumn()
    column.set(3, -1_700_000_000_123)
    column.set(70_000, -12)
    expect(column.get(3)).toBe(-1_700_000_000_123)
    expect(column.get(70_000)).toBe(-12)
    expect(column.get(4)).toBe(0)
  })
})
