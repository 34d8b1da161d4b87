import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, jsonLines } from './testing/run-cli'

const HEAVY = resolve('../shared/cards/related-heavy')
const REAL = resolve('../shared/cards/real')

describe('tidings stories FOLDER', () => {
  it('prints one JSON line per story, biggest first, every card file once, then a summary', async () => {
    const { code, out } = await cli('stories', HEAVY, '--json')
    expect(code).toBe(0)
    const lines = jsonLines(out)
    const stories = lines.filter((line) => line.type === 'story') as { id: string; lead: string; cards: string[]; outlets: number; firstAt: string; latestAt: string }[]
    const files = readdirSync(HEAVY).filter((name) => name.endsWith('.md'))
    expect(stories.flatMap((story) => story.cards).sort()).toEqual(files.sort())
    expect(lines.at(-1)).toMatchObject({ type: 'summary', cards: expect.any(Number), stories: stories.length })
    const sizes = stories.map((story) => story.cards.length)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    // Related lists make no story here: no story swallows the topic.
    expect(sizes[0]).toBeLessThan(files.length / 10)
    for (const story of stories) {
      expect(story.cards).toContain(story.lead)
      expect(Date.parse(story.latestAt) - Date.parse(story.firstAt)).toBeLessThanOrEqual(4 * 86_400_000)
    }
  })

  it('finds an event told by several outlets in real cards, and says so in its summary', async () => {
    const { code, out } = await cli('stories', REAL)
    expect(code).toBe(0)
    const biggest = /^ {2}(\d+) cards, (\d+) outlets, latest (\d{4}-\d\d-\d\d) {2}\[[0-9a-f]{8}\]\n {4}(.+)$/m.exec(out)!
    expect(Number(biggest[2])).toBeGreaterThan(3)
    expect(biggest[4]).toMatch(/Power Apps/)
    expect(out).toMatch(/\d+ cards in \d+ stories, \d+ told by more than one outlet/)
  })

  it('says what is wrong with its arguments, and exits 2 for a folder that is not there', async () => {
    expect((await cli('stories')).code).toBe(1)
    expect((await cli('stories', HEAVY, '--nope')).err).toMatch(/nope/)
    const missing = await cli('stories', resolve('no-such-folder'))
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/cannot open folder .*no-such-folder/)
  })
})
