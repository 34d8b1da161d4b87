import { describe, expect, it } from 'vitest'
import { offsetToShow } from './scroll-offset'

describe('offsetToShow', () => {
  const viewport = { scrollTop: 960, height: 480 }

  it('leaves a row that is wholly in view where it is', () => {
    expect(offsetToShow(10, 96, viewport)).toBeNull()
    expect(offsetToShow(14, 96, viewport)).toBeNull()
  })

  it('scrolls up to a row above so it sits at the top, and down to one below so it sits at the bottom', () => {
    expect(offsetToShow(3, 96, viewport)).toBe(288)
    expect(offsetToShow(15, 96, viewport)).toBe(16 * 96 - 480)
    expect(offsetToShow(9, 96, { scrollTop: 900, height: 480 })).toBe(864)
  })

  it('goes to the top when there is no row to show, unless it is there', () => {
    expect(offsetToShow(-1, 96, viewport)).toBe(0)
    expect(offsetToShow(-1, 96, { scrollTop: 0, height: 480 })).toBeNull()
  })
})
