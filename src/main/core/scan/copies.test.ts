import { describe, expect, it } from 'vitest'
import { compareCopies, resolveCopies, CopyIndex, type CopyEntry } from './copies'

const entry = (path: string, id: string, publishedAtMs: number | null, mtimeMs = 0): CopyEntry => ({ path, id, publishedAtMs, mtimeMs })

describe('resolveCopies', () => {
  it('makes files with one id one group, the newest file winning', () => {
    const groups = resolveCopies([entry('a.md', 'x', 100), entry('b.md', 'x', 300), entry('c.md', 'x', 200), entry('d.md', 'y', 50)])
    expect(groups.size).toBe(2)
    const x = groups.get('x')!
    expect(x.winner.path).toBe('b.md')
    expect(x.aliases.map((alias) => alias.path)).toEqual(['c.md', 'a.md'])
    expect(groups.get('y')!.aliases).toEqual([])
  })

  it('breaks ties by file mtime, then by path; a missing date loses', () => {
    expect(resolveCopies([entry('a.md', 'x', 100, 5), entry('b.md', 'x', 100, 9)]).get('x')!.winner.path).toBe('b.md')
    expect(resolveCopies([entry('b.md', 'x', 100, 5), entry('a.md', 'x', 100, 5)]).get('x')!.winner.path).toBe('a.md')
    expect(resolveCopies([entry('a.md', 'x', null, 99), entry('b.md', 'x', 1, 0)]).get('x')!.winner.path).toBe('b.md')
  })

  it('does not depend on input order', () => {
    const entries = [entry('a.md', 'x', 1, 3), entry('b.md', 'x', 1, 3), entry('c.md', 'x', null, 9), entry('d.md', 'x', 2, 0)]
    const winners = [entries, [...entries].reverse(), [entries[2], entries[0], entries[3], entries[1]]].map((order) => resolveCopies(order).get('x')!.winner.path)
    expect(new Set(winners)).toEqual(new Set(['d.md']))
    expect(compareCopies(entries[0], entries[0])).toBe(0)
  })
})

describe('CopyIndex', () => {
  it('lets an alias take over when the winner goes', () => {
    const index = new CopyIndex([entry('old.md', 'x', 100), entry('new.md', 'x', 200)])
    expect(index.get('x')!.winner.path).toBe('new.md')
    const changes = index.delete('new.md')
    expect(changes).toEqual([{ id: 'x', previousWinner: 'new.md', group: { id: 'x', winner: entry('old.md', 'x', 100), aliases: [] } }])
  })

  it('reports a group as gone when its last file goes, and nothing for an unknown path', () => {
    const index = new CopyIndex([entry('a.md', 'x', 1)])
    expect(index.delete('a.md')).toEqual([{ id: 'x', previousWinner: 'a.md', group: null }])
    expect(index.delete('a.md')).toEqual([])
    expect(index.size).toBe(0)
  })

  it('replaces a rewritten file in place: a newer rewrite of the alias takes the lead', () => {
    const index = new CopyIndex([entry('a.md', 'x', 100), entry('b.md', 'x', 200)])
    const changes = index.set(entry('a.md', 'x', 300))
    expect(changes).toHaveLength(1)
    expect(changes[0].previousWinner).toBe('b.md')
    expect(changes[0].group!.winner.path).toBe('a.md')
    expect(changes[0].group!.aliases.map((alias) => alias.path)).toEqual(['b.md'])
  })

  it('moves a file whose id changed out of its old group and into the new one', () => {
    const index = new CopyIndex([entry('a.md', 'x', 100), entry('b.md', 'x', 200)])
    const changes = index.set(entry('b.md', 'y', 200))
    expect(changes.map((change) => [change.id, change.previousWinner, change.group?.winner.path ?? null])).toEqual([
      ['x', 'b.md', 'a.md'],
      ['y', null, 'b.md']
    ])
    expect(index.entryAt('b.md')!.id).toBe('y')
    expect([...index.groups()].map((group) => group.id).sort()).toEqual(['x', 'y'])
  })

  it('ends where resolveCopies would after any sequence of changes', () => {
    const index = new CopyIndex<CopyEntry>()
    const live = new Map<string, CopyEntry>()
    let seed = 7
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n
    for (let step = 0; step < 400; step++) {
      const path = `f${random(12)}.md`
      if (random(4) === 0) {
        index.delete(path)
        live.delete(path)
      } else {
        const next = entry(path, `id${random(4)}`, random(3) === 0 ? null : random(50), random(5))
        index.set(next)
        live.set(path, next)
      }
    }
    const expected = resolveCopies(live.values())
    expect(index.size).toBe(expected.size)
    for (const [id, group] of expected) expect(index.get(id)).toEqual(group)
  })
})
