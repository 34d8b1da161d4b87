import { describe, expect, it } from 'vitest'
import { jsonSizeOf } from './json-size'

describe('jsonSizeOf', () => {
  it('gives the length of JSON.stringify for plain ASCII values', () => {
    const values: unknown[] = [
      'plain',
      '',
      0,
      -12,
      1_733_212_800_000,
      3.25,
      true,
      false,
      null,
      [],
      [1, 'two', null],
      {},
      { title: 'A card', related: [{ title: 'Another', quality: 96 }], skipped: undefined, aliases: [] },
      { when: new Date('2024-05-01T10:00:00Z') }
    ]
    for (const value of values) expect(jsonSizeOf(value), JSON.stringify(value)).toBe(JSON.stringify(value).length)
  })
})
