import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CardFolder, cardText } from '../core/library/testing/card-folder'
import { scanFolder } from '../core/scan/scan'
import { run } from './scan-command'
import { printJson } from './scan-report'
import { captureIo } from './testing/run-cli'
import { JsonLines } from './json-lines'

describe('scan --json: each card is its own line, whatever another card does', () => {
  let folder: CardFolder
  beforeEach(async () => {
    folder = await CardFolder.create('tidings-lines-')
    for (let i = 0; i < 5; i++) await folder.write(`2024-01-0${i + 1}-card.md`, cardText({ title: `Card ${i}`, publishedAt: `2024-01-0${i + 1}T10:00:00Z` }))
  })
  afterEach(() => folder.dispose())

  it('a 1 MB card whose aliases repeat a 1 MB string 2,000 times is one error line; every other card and the summary print', async () => {
    await folder.write('bomb.md', `---\ntitle: bomb\nblob: &s "${'x'.repeat(1024 * 1024)}"\nbomb: [${Array(2000).fill('*s').join(', ')}]\n---\n`)
    const io = captureIo()
    expect(await run([folder.path, '--json', '--workers', '0'], io)).toBe(0)
    const lines = io.lines()
    expect(lines.filter((line) => line.type === 'card')).toHaveLength(5)
    expect(lines.find((line) => line.type === 'error')).toMatchObject({ path: 'bomb.md', code: 'yaml-too-complex' })
    expect(lines.at(-1)).toMatchObject({ type: 'summary', cards: 5, errors: 1 })
  })

  it('a card that cannot be serialised becomes an error line for its file, and costs no other line', async () => {
    const result = await scanFolder(folder.path, { workers: 0 })
    // Nothing YAML makes can fail JSON.stringify below the size budget; a BigInt stands in for a card too big to serialise.
    result.cards[2].extra.unprintable = 10n
    const io = captureIo()
    printJson(result, io)
    const lines = io.lines()
    expect(lines.filter((line) => line.type === 'card')).toHaveLength(4)
    expect(lines.find((line) => line.type === 'error')).toMatchObject({ path: result.cards[2].path, code: 'too-large', message: expect.stringContaining('BigInt') })
    expect(lines.at(-1)).toMatchObject({ type: 'summary', cards: 5 })
  })
})

describe('JsonLines: lines encoded into blocks', () => {
  it('gives back every line intact, as text or bytes: non-ASCII text, lines across block edges and lines longer than a block', () => {
    const written: (string | Uint8Array)[] = []
    const io = captureIo()
    const lines = new JsonLines({ ...io, out: (chunk) => (written.push(chunk), io.out(chunk)) })
    const expected: string[] = []
    for (let i = 0; i < 3000; i++) {
      const text = JSON.stringify({ i, title: `‘Quoted’\u00a0é 😀 ${'x'.repeat(i % 97)}` })
      expected.push(text)
      // Lines from scan workers come as their UTF-8 bytes.
      lines.addText(i % 3 === 0 ? new TextEncoder().encode(text) : text)
    }
    const long = JSON.stringify({ long: '€'.repeat(300_000) })
    lines.addText(long)
    expected.push(long, long)
    lines.addText(new TextEncoder().encode(long))
    lines.addText('{"last":true}')
    lines.flush()
    expect(io.stdout()).toBe(`${[...expected, '{"last":true}'].join('\n')}\n`)
    // Blocks, not a write per line.
    expect(written.length).toBeGreaterThan(2)
    expect(written.length).toBeLessThan(50)
  })
})
