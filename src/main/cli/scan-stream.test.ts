// `tidings scan --json` streams: lines leave while the folder is still being
// read, a slow reader holds the scan back, and a card in two files ends with
// its winner whichever file was read first.
import { readdirSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './main'
import { hashId } from '../core/scan/card-line'
import { captureIo, cli, jsonLines } from './testing/run-cli'
import { scratchFolder } from '../core/testing/scratch-folder'

const HEAVY = resolve(__dirname, '../../../../shared/cards/related-heavy')

const scratch = scratchFolder('tidings-scan-stream-', 'all tests')

describe('tidings scan --json as a stream', () => {
  it('writes card lines before the folder is read, and waits for a slow reader', async () => {
    const files = readdirSync(HEAVY).filter((name) => name.endsWith('.md')).length
    let release: () => void = () => undefined
    let waiting = 0
    // The reader takes its time with the first block.
    const io = captureIo({ drained: () => (waiting++ === 0 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()) })
    let finished = false
    const run = runCli(['scan', HEAVY, '--json'], io).then((code) => ((finished = true), code))
    while (waiting === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const early = io.stdout().trimEnd().split('\n')
    expect(finished).toBe(false)
    expect(early.length).toBeGreaterThan(0)
    expect(early.length).toBeLessThan(files)
    expect(early.every((line) => JSON.parse(line).type === 'card')).toBe(true)
    release()
    expect(await run).toBe(0)
    const lines = io.lines()
    expect(lines.at(-1)).toMatchObject({ type: 'summary', files })
    expect(new Set(lines.filter((line) => line.type === 'card').map((line) => line.id)).size).toBe(lines.at(-1)!.distinct)
  })

  it('ends a card found in two files with its winner and alias, whichever file was read first', async () => {
    const folder = join(scratch.path, 'repost')
    await mkdir(folder, { recursive: true })
    const card = (title: string, published: string) =>
      ['---', `title: "${title}"`, `publishedDateTime: ${published}`, 'webUrl: "https://example.org/story"', '---', ''].join('\n')
    // Newest names are read first, so the older copy (by its date) is printed first.
    await writeFile(join(folder, '2025-01-09-old-copy.md'), card('Old copy', '2025-01-01T00:00:00Z'))
    await writeFile(join(folder, '2025-01-01-new-copy.md'), card('New copy', '2025-01-03T00:00:00Z'))
    await writeFile(join(folder, '2025-01-05-other.md'), card('Other', '2025-01-05T00:00:00Z').replace('/story', '/other'))
    const { code, out } = await cli('scan', folder, '--json')
    expect(code).toBe(0)
    const lines = jsonLines(out)
    const cards = lines.filter((line) => line.type === 'card')
    expect(cards.map((line) => line.title)).toEqual(['Old copy', 'Other', 'New copy'])
    expect(cards.at(-1)).toMatchObject({ path: '2025-01-01-new-copy.md', aliases: ['2025-01-09-old-copy.md'] })
    expect(lines.at(-1)).toMatchObject({ type: 'summary', files: 3, cards: 3, distinct: 2, errors: 0 })

    const { out: summary } = await cli('scan', folder)
    expect(summary).toContain('3 card files: 3 cards, 2 distinct once copies are merged, 0 errors')
    expect(summary).toMatch(/New copy\n +wins: +2025-01-01-new-copy\.md\n +alias: 2025-01-09-old-copy\.md/)
  })

  it('hashes ids to whole numbers that tell ids apart', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `https://example.org/news/${i}/story-${i * 7}`)
    const hashes = new Set(ids.map(hashId))
    expect(hashes.size).toBe(ids.length)
    for (const hash of [...hashes].slice(0, 100)) expect(Number.isSafeInteger(hash)).toBe(true)
  })
})
