import { describe, expect, it } from 'vitest'
import { toUtcDate } from './dates'

describe('toUtcDate', () => {
  it('takes the Date js-yaml gives for an unquoted timestamp', () => {
    expect(toUtcDate(new Date('2022-01-29T12:47:00Z'))).toEqual({ iso: '2022-01-29T12:47:00.000Z', ms: Date.UTC(2022, 0, 29, 12, 47) })
  })

  it('reads quoted timestamps with Z and with offsets, as UTC', () => {
    expect(toUtcDate('2025-08-02T16:00:00-07:00')?.iso).toBe('2025-08-02T23:00:00.000Z')
    expect(toUtcDate('2025-04-19T10:30:00+05:30')?.iso).toBe('2025-04-19T05:00:00.000Z')
    expect(toUtcDate('2025-04-19T10:30:00+0530')?.iso).toBe('2025-04-19T05:00:00.000Z')
    expect(toUtcDate('2020-10-07T00:00:00Z')?.iso).toBe('2020-10-07T00:00:00.000Z')
    expect(toUtcDate('2025-01-02 03:04:05.678')?.iso).toBe('2025-01-02T03:04:05.678Z')
  })

  it('reads a date without a time or zone as UTC midnight, whatever the local zone', () => {
    expect(toUtcDate('2025-03-04')).toEqual({ iso: '2025-03-04T00:00:00.000Z', ms: Date.UTC(2025, 2, 4) })
  })

  it('reads other spellings only when they name their zone', () => {
    expect(toUtcDate('Tue, 04 Mar 2025 10:00:00 GMT')?.iso).toBe('2025-03-04T10:00:00.000Z')
    expect(toUtcDate('March 4, 2025 10:00')).toBeNull()
  })

  it('is null for missing, impossible or non-date values', () => {
    for (const bad of [undefined, null, '', 'soon', '2025-02-30T00:00:00Z', '2025-13-01', 20250304, new Date('nope'), {}]) {
      expect(toUtcDate(bad), String(bad)).toBeNull()
    }
  })
})
