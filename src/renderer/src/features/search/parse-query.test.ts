import { describe, expect, it } from 'vitest'
import { parseDateStart, parseQuery } from './parse-query'

describe('parseQuery', () => {
  it('reads free text as lower-cased words', () => {
    expect(parseQuery('  Deep  FAKES ')).toEqual({
      terms: [
        { kind: 'text', value: 'deep', negate: false },
        { kind: 'text', value: 'fakes', negate: false }
      ],
      errors: []
    })
  })

  it('keeps a quoted phrase together', () => {
    expect(parseQuery('"Deep fakes" china').terms).toEqual([
      { kind: 'text', value: 'deep fakes', negate: false },
      { kind: 'text', value: 'china', negate: false }
    ])
  })

  it('excludes with a leading dash, for text and for fields', () => {
    expect(parseQuery('-covid -"stock market" -topic:AI').terms).toEqual([
      { kind: 'text', value: 'covid', negate: true },
      { kind: 'text', value: 'stock market', negate: true },
      { kind: 'topic', value: 'ai', negate: true }
    ])
  })

  it('keeps a dash inside a word as text', () => {
    expect(parseQuery('covid-19').terms).toEqual([{ kind: 'text', value: 'covid-19', negate: false }])
  })

  it('reads topic:, provider: and type:, quoted or not, with any field casing', () => {
    expect(parseQuery('topic:"Machine Learning" Provider:Reuters type:video provider:"South China Morning Post"').terms).toEqual([
      { kind: 'topic', value: 'machine learning', negate: false },
      { kind: 'provider', value: 'reuters', negate: false },
      { kind: 'type', value: 'video', negate: false },
      { kind: 'provider', value: 'south china morning post', negate: false }
    ])
  })

  it('reads quality comparisons', () => {
    expect(parseQuery('quality>50 quality<10 quality>=3 quality<=4 quality:7 quality=8 quality:>9').terms).toEqual([
      { kind: 'quality', op: '>', value: 50, negate: false },
      { kind: 'quality', op: '<', value: 10, negate: false },
      { kind: 'quality', op: '>=', value: 3, negate: false },
      { kind: 'quality', op: '<=', value: 4, negate: false },
      { kind: 'quality', op: '=', value: 7, negate: false },
      { kind: 'quality', op: '=', value: 8, negate: false },
      { kind: 'quality', op: '>', value: 9, negate: false }
    ])
  })

  it('reads before: and after: as the local start of the day, month or year', () => {
    expect(parseQuery('after:2022-01-29 before:2022-02').terms).toEqual([
      { kind: 'after', value: new Date(2022, 0, 29).getTime(), negate: false },
      { kind: 'before', value: new Date(2022, 1, 1).getTime(), negate: false }
    ])
    expect(parseQuery('before:2021').terms).toEqual([{ kind: 'before', value: new Date(2021, 0, 1).getTime(), negate: false }])
  })

  it('reads is: states', () => {
    expect(parseQuery('is:unread IS:Starred -is:read is:unstarred').terms).toEqual([
      { kind: 'is', value: 'unread', negate: false },
      { kind: 'is', value: 'starred', negate: false },
      { kind: 'is', value: 'read', negate: true },
      { kind: 'is', value: 'unstarred', negate: false }
    ])
  })

  it('reports terms it cannot read, with their place, and keeps the rest', () => {
    const parsed = parseQuery('ai quality>lots before:2022-13-01 is:maybe colour:red topic: "open')
    expect(parsed.terms).toEqual([{ kind: 'text', value: 'ai', negate: false }])
    expect(parsed.errors.map((e) => e.raw)).toEqual(['quality>lots', 'before:2022-13-01', 'is:maybe', 'colour:red', 'topic:', '"open'])
    expect(parsed.errors[0]).toMatchObject({ start: 3, end: 15 })
    expect(parsed.errors[0].message).toMatch(/quality needs a number/)
    expect(parsed.errors[1].message).toMatch(/needs a date/)
    expect(parsed.errors[2].message).toMatch(/is: takes unread, read, starred, unstarred/)
    expect(parsed.errors[3].message).toMatch(/Unknown field "colour:"/)
    expect(parsed.errors[4].message).toMatch(/topic: needs a value/)
    expect(parsed.errors[5].message).toMatch(/Missing closing quote/)
  })

  it('reports a lone dash and empty quotes', () => {
    expect(parseQuery('a - b').errors.map((e) => e.message)).toEqual(["'-' needs a word after it"])
    expect(parseQuery('""').errors.map((e) => e.message)).toEqual(['Empty quotes'])
  })

  it('reports an unclosed quote in a field value', () => {
    const parsed = parseQuery('topic:"Machine Le')
    expect(parsed.terms).toEqual([])
    expect(parsed.errors[0]).toMatchObject({ raw: 'topic:"Machine Le', message: 'Missing closing quote' })
  })

  it('lets quoted text hold a colon', () => {
    expect(parseQuery('"update: vaccines"').terms).toEqual([{ kind: 'text', value: 'update: vaccines', negate: false }])
  })

  it('gives nothing for an empty box', () => {
    expect(parseQuery('   ')).toEqual({ terms: [], errors: [] })
  })
})

describe('parseDateStart', () => {
  it('refuses impossible dates and other shapes', () => {
    expect(parseDateStart('2022-02-30')).toBeNull()
    expect(parseDateStart('29/01/2022')).toBeNull()
    expect(parseDateStart('yesterday')).toBeNull()
    expect(parseDateStart('2022-02-28')).toBe(new Date(2022, 1, 28).getTime())
  })
})
