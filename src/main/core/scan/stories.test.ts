import { describe, expect, it } from 'vitest'
import { compareStoryEntries, resolveStories, StoryIndex, type StoryEntry } from './stories'

const entry = (path: string, id: string, publishedAtMs: number | null, mtimeMs = 0): StoryEntry => ({ path, id, publishedAtMs, mtimeMs })

describe('resolveStories', () => {
  it('makes files with one id one story, the newest file winning', () => {
    const stories = resolveStories([entry('a.md', 'x', 100), entry('b.md', 'x', 300), entry('c.md', 'x', 200), entry('d.md', 'y', 50)])
    expect(stories.size).toBe(2)
    const x = stories.get('x')!
    expect(x.winner.path).toBe('b.md')
    expect(x.aliases.map((alias) => alias.path)).toEqual(['c.md', 'a.md'])
    expect(stories.get('y')!.aliases).toEqual([])
  })

  it('breaks ties by file mtime, then by path; a missing date loses', () => {
    expect(resolveStories([entry('a.md', 'x', 100, 5), entry('b.md', 'x', 100, 9)]).get('x')!.winner.path).toBe('b.md')
    expect(resolveStories([entry('b.md', 'x', 100, 5), entry('a.md', 'x', 100, 5)]).get('x')!.winner.path).toBe('a.md')
    expect(resolveStories([entry('a.md', 'x', null, 99), entry('b.md', 'x', 1, 0)]).get('x')!.winner.path).toBe('b.md')
  })

  it('does not depend on input order', () => {
    const entries = [entry('a.md', 'x', 1, 3), entry('b.md', 'x', 1, 3), entry('c.md', 'x', null, 9), entry('d.md', 'x', 2, 0)]
    const winners = [entries, [...entries].reverse(), [entries[2], entries[0], entries[3], entries[1]]].map((order) => resolveStories(order).get('x')!.winner.path)
    expect(new Set(winners)).toEqual(new Set(['d.md']))
    expect(compareStoryEntries(entries[0], entries[0])).toBe(0)
  })
})

describe('StoryIndex', () => {
  it('lets an alias take over when the winner goes', () => {
    const index = new StoryIndex([entry('old.md', 'x', 100), entry('new.md', 'x', 200)])
    expect(index.get('x')!.winner.path).toBe('new.md')
    const changes = index.delete('new.md')
    expect(changes).toEqual([{ id: 'x', previousWinner: 'new.md', story: { id: 'x', winner: entry('old.md', 'x', 100), aliases: [] } }])
  })

  it('reports a story as gone when its last file goes, and nothing for an unknown path', () => {
    const index = new StoryIndex([entry('a.md', 'x', 1)])
    expect(index.delete('a.md')).toEqual([{ id: 'x', previousWinner: 'a.md', story: null }])
    expect(index.delete('a.md')).toEqual([])
    expect(index.size).toBe(0)
  })

  it('replaces a rewritten file in place: a newer rewrite of the alias takes the lead', () => {
    const index = new StoryIndex([entry('a.md', 'x', 100), entry('b.md', 'x', 200)])
    const changes = index.set(entry('a.md', 'x', 300))
    expect(changes).toHaveLength(1)
    expect(changes[0].previousWinner).toBe('b.md')
    expect(changes[0].story!.winner.path).toBe('a.md')
    expect(changes[0].story!.aliases.map((alias) => alias.path)).toEqual(['b.md'])
  })

  it('moves a file whose id changed out of its old story and into the new one', () => {
    const index = new StoryIndex([entry('a.md', 'x', 100), entry('b.md', 'x', 200)])
    const changes = index.set(entry('b.md', 'y', 200))
    expect(changes.map((change) => [change.id, change.previousWinner, change.story?.winner.path ?? null])).toEqual([
      ['x', 'b.md', 'a.md'],
      ['y', null, 'b.md']
    ])
    expect(index.entryAt('b.md')!.id).toBe('y')
    expect([...index.stories()].map((story) => story.id).sort()).toEqual(['x', 'y'])
  })

  it('ends where resolveStories would after any sequence of changes', () => {
    const index = new StoryIndex<StoryEntry>()
    const live = new Map<string, StoryEntry>()
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
    const expected = resolveStories(live.values())
    expect(index.size).toBe(expected.size)
    for (const [id, story] of expected) expect(index.get(id)).toEqual(story)
  })
})
