import { describe, expect, it } from 'vitest'
import { decodeMarkRead, DEFAULT_MARK_READ, markReadDelay } from './mark-read-setting'

describe('mark-read setting', () => {
  it('gives the delay for each mode', () => {
    expect(markReadDelay({ mode: 'open', seconds: 9 })).toBe(0)
    expect(markReadDelay({ mode: 'after', seconds: 3 })).toBe(3000)
    expect(markReadDelay({ mode: 'never', seconds: 3 })).toBeNull()
  })

  it('reads stored values, clamping the seconds, and falls back for junk', () => {
    expect(decodeMarkRead({ mode: 'never', seconds: 2 })).toEqual({ mode: 'never', seconds: 2 })
    expect(decodeMarkRead({ mode: 'after', seconds: 0 })).toEqual({ mode: 'after', seconds: 1 })
    expect(decodeMarkRead({ mode: 'after', seconds: 1e9 })).toEqual({ mode: 'after', seconds: 120 })
    expect(decodeMarkRead('open')).toEqual(DEFAULT_MARK_READ)
    expect(decodeMarkRead({ mode: 'sometimes' })).toEqual(DEFAULT_MARK_READ)
  })
})
