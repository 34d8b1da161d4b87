import { describe, expect, it } from 'vitest'
import { hashId } from './card-line'
import { FirstPathByHash } from './first-paths'

describe('FirstPathByHash', () => {
  it('keeps the first path of each hash through many growths, non-ASCII paths intact', () => {
    const table = new FirstPathByHash()
    const count = 5000
    for (let i = 0; i < count; i++) expect(table.addIfNew(hashId(`https://example.com/${i}`), `feed-${i % 7}/2024-01-01-ünïcødé-${i}.md`)).toBe(true)
    for (let i = 0; i < count; i += 3) expect(table.addIfNew(hashId(`https://example.com/${i}`), `later/${i}.md`)).toBe(false)
    expect(table.size).toBe(count)
    for (let i = 0; i < count; i++) expect(table.get(hashId(`https://example.com/${i}`))).toBe(`feed-${i % 7}/2024-01-01-ünïcødé-${i}.md`)
    expect(table.get(hashId('https://example.com/never'))).toBeUndefined()
  })

  it('tells apart hashes that share their low 32 bits', () => {
    const table = new FirstPathByHash()
    const low = 12345
    expect(table.addIfNew(low, 'a.md')).toBe(true)
    expect(table.addIfNew(2 ** 32 + low, 'b.md')).toBe(true)
    expect(table.addIfNew(2 ** 40 + low, 'c.md')).toBe(true)
    expect([table.get(low), table.get(2 ** 32 + low), table.get(2 ** 40 + low)]).toEqual(['a.md', 'b.md', 'c.md'])
    expect(table.size).toBe(3)
  })

  it('holds an empty path and a path longer than its arena', () => {
    const table = new FirstPathByHash()
    const long = `${'deep/'.repeat(20000)}card.md`
    table.addIfNew(1, '')
    table.addIfNew(2, long)
    expect(table.get(1)).toBe('')
    expect(table.get(2)).toBe(long)
  })
})
