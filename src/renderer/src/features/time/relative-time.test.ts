import { describe, expect, it } from 'vitest'
import { longRelative, MINUS, shortRelative, signedOffset, spanLabel } from './relative-time'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const now = new Date(2024, 5, 15, 12, 0).getTime()

describe('signedOffset', () => {
  it('reads later items with + and earlier ones with a true minus', () => {
    expect(signedOffset(now + 2 * HOUR, now)).toBe('+2 h')
    expect(signedOffset(now - DAY, now)).toBe(`${MINUS}1 d`)
    expect(signedOffset(now + 35 * MIN, now)).toBe('+35 min')
    expect(signedOffset(now - 20 * DAY, now)).toBe(`${MINUS}20 d`)
  })

  it('rounds to the nearest unit and moves up a unit at the boundary', () => {
    expect(signedOffset(now + 59.7 * MIN, now)).toBe('+1 h')
    expect(signedOffset(now + 23.6 * HOUR, now)).toBe('+1 d')
    expect(signedOffset(now + 6 * HOUR + 10 * MIN, now)).toBe('+6 h')
  })

  it('says "same time" under half a minute, and months and years far out', () => {
    expect(signedOffset(now + 20_000, now)).toBe('same time')
    expect(signedOffset(now + 90 * DAY, now)).toBe('+3 mo')
    expect(signedOffset(now - 800 * DAY, now)).toBe(`${MINUS}2 y`)
  })
})

describe('spanLabel', () => {
  it('gives an unsigned duration', () => {
    expect(spanLabel(3 * DAY)).toBe('3 d')
    expect(spanLabel(0)).toBe('under a minute')
  })
})

describe('shortRelative', () => {
  it('counts minutes, hours and days for recent cards', () => {
    expect(shortRelative(now - 10_000, now)).toBe('now')
    expect(shortRelative(now - 5 * MIN, now)).toBe('5 min')
    expect(shortRelative(now - 3 * HOUR, now)).toBe('3 h')
    expect(shortRelative(now - 2 * DAY, now)).toBe('2 d')
  })

  it('falls back to a date after a week, with the year only when it differs', () => {
    const thisYear = shortRelative(new Date(2024, 0, 29).getTime(), now)
    const lastYear = shortRelative(new Date(2022, 0, 29).getTime(), now)
    expect(thisYear).toMatch(/29/)
    expect(thisYear).not.toMatch(/2024/)
    expect(lastYear).toMatch(/2022/)
  })

  it('says when there is no date', () => {
    expect(shortRelative(null, now)).toBe('No date')
  })
})

describe('longRelative', () => {
  it('reads as words', () => {
    expect(longRelative(now - 3 * DAY, now)).toMatch(/3 days ago/)
    expect(longRelative(now - 2 * 365 * DAY, now)).toMatch(/2 years ago/)
    expect(longRelative(now + 2 * HOUR, now)).toMatch(/in 2 hours/)
  })
})
