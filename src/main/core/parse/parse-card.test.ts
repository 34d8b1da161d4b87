import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CardErrorCode } from '../../../shared/card'
import { CodeFrontMatterError, grayMatterCacheSize, readFrontMatterWithGrayMatter } from './gray-matter-reader'
import { MAX_CARD_BYTES, parseCardBytes, parseCardText, readCardFile, readCardFileSync, type ParseOutcome } from './parse-card'

const bytes = (text: string) => new TextEncoder().encode(text)

const GOOD = `---
title: "A good card"
webUrl: "https://example.com/good"
publishedDateTime: 2025-03-04T05:06:07Z
---
`

function errorOf(outcome: ParseOutcome) {
  if (outcome.ok) throw new Error(`expected a refusal, got the card ${outcome.card.id}`)
  return outcome.error
}

function expectRefusal(outcome: ParseOutcome, code: CardErrorCode, line?: number) {
  const error = errorOf(outcome)
  expect(error.code, error.message).toBe(code)
  if (line !== undefined) expect(error.line).toBe(line)
  expect(error.message.length).toBeGreaterThan(10)
  return error
}

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tidings-parse-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('parseCardBytes: good cards', () => {
  it('parses a card into a normalised Card', () => {
    const outcome = parseCardBytes(bytes(GOOD), 'a/good.md')
    expect(outcome).toMatchObject({ ok: true, card: { id: 'https://example.com/good', path: 'a/good.md', title: 'A good card', publishedAt: '2025-03-04T05:06:07.000Z' } })
  })

  it('reads CRLF files, a UTF-8 BOM and a `---yaml` fence', () => {
    for (const text of [GOOD.replace(/\n/g, '\r\n'), `\uFEFF${GOOD}`, GOOD.replace('---\n', '---yaml\n'), GOOD.replace('---\n', '--- YAML \n')]) {
      const outcome = parseCardBytes(bytes(text), 'x.md')
      expect(outcome.ok ? outcome.card.title : errorOf(outcome).message).toBe('A good card')
    }
  })

  it('keeps the Markdown body', () => {
    const outcome = parseCardText(`${GOOD}\n# Heading\n\nText with --- dashes.\n`, 'x.md')
    expect(outcome.ok && outcome.card.body).toBe('# Heading\n\nText with --- dashes.')
  })

  it('keeps YAML binary and set values as plain JSON in extra', () => {
    const outcome = parseCardText('---\ntitle: t\nblob: !!binary aGVsbG8=\ntags: !!set {a, b}\n---\n', 'x.md')
    expect(outcome.ok && outcome.card.extra).toEqual({ blob: 'aGVsbG8=', tags: { a: null, b: null } })
  })

  it('accepts an empty front matter block as a card with no fields', () => {
    const outcome = parseCardText('---\n---\nJust a body.\n', 'notes/x.md')
    expect(outcome).toMatchObject({ ok: true, card: { id: 'path:notes/x.md', title: '', body: 'Just a body.' } })
  })

  it('gives fresh objects for identical files and leaves no gray-matter cache behind', () => {
    const first = parseCardText(GOOD, 'one.md')
    const second = parseCardText(GOOD, 'two.md')
    if (!first.ok || !second.ok) throw new Error('expected cards')
    first.card.topics.push('changed')
    first.card.extra.changed = true
    expect(second.card.topics).toEqual([])
    expect(second.card.extra).toEqual({})
    expect(second.card.path).toBe('two.md')
    expect(grayMatterCacheSize()).toBe(0)
  })
})

describe('parseCardBytes: refusals', () => {
  it('refuses an empty file and a whitespace-only file', () => {
    expectRefusal(parseCardBytes(new Uint8Array(0), 'e.md'), 'empty')
    expectRefusal(parseCardBytes(bytes(' \n\t\n'), 'e.md'), 'empty')
  })

  it('refuses a file without front matter', () => {
    expectRefusal(parseCardBytes(bytes('# Just Markdown\n\nNo front matter.\n'), 'n.md'), 'no-front-matter', 1)
    expectRefusal(parseCardBytes(bytes('\n---\ntitle: late\n---\n'), 'n.md'), 'no-front-matter', 1)
    expectRefusal(parseCardBytes(bytes('----\ntitle: x\n----\n'), 'n.md'), 'no-front-matter', 1)
  })

  it('refuses front matter that never closes', () => {
    expectRefusal(parseCardBytes(bytes('---\ntitle: "Cut off"\nexcerpt: "half'), 'c.md'), 'no-closing-fence', 1)
    expectRefusal(parseCardBytes(bytes('---'), 'c.md'), 'no-closing-fence', 1)
  })

  it('refuses front matter that is not a map', () => {
    expectRefusal(parseCardBytes(bytes('---\n- a\n- b\n---\n'), 'l.md'), 'not-a-map')
    expectRefusal(parseCardBytes(bytes('---\njust a sentence\n---\n'), 's.md'), 'not-a-map')
    expectRefusal(parseCardBytes(bytes('---\n~\n---\n'), 'z.md'), 'not-a-map')
    expectRefusal(parseCardBytes(bytes('---\n2025-01-01\n---\n'), 'd.md'), 'not-a-map')
  })

  it('refuses bad YAML and names the line', () => {
    const text = '---\ntitle: "fine"\nexcerpt: "fine"\ntopics: [a, b\nheat: 3\n---\n'
    const error = expectRefusal(parseCardBytes(bytes(text), 'y.md'), 'yaml-syntax')
    expect(error.line).toBeGreaterThanOrEqual(4)
    const duplicate = expectRefusal(parseCardBytes(bytes('---\ntitle: a\nheat: 1\ntitle: b\n---\n'), 'y.md'), 'yaml-syntax', 4)
    expect(duplicate.message).toMatch(/line 4/)
    expectRefusal(parseCardBytes(bytes('---\ntitle: "a"\n  bad: indent\n---\n'), 'y.md'), 'yaml-syntax', 3)
  })

  it('refuses other front matter languages', () => {
    expectRefusal(parseCardBytes(bytes('---toml\ntitle = "x"\n---\n'), 't.md'), 'no-front-matter', 1)
  })

  it('refuses files over the size cap', () => {
    const big = new Uint8Array(MAX_CARD_BYTES + 1).fill(0x20)
    expectRefusal(parseCardBytes(big, 'big.md'), 'too-large')
  })

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const latin1 = Uint8Array.from([...bytes('---\ntitle: "ok"\nexcerpt: "caf'), 0xe9, ...bytes('"\n---\n')])
    const error = expectRefusal(parseCardBytes(latin1, 'l.md'), 'not-utf8', 3)
    expect(error.message).toMatch(/UTF-8/)
  })

  it('refuses binary data (NUL bytes), including UTF-16 text', () => {
    expectRefusal(parseCardBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'p.md'), 'binary')
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'---\ntitle: x\n---\n'].flatMap((c) => [c.charCodeAt(0), 0])])
    expectRefusal(parseCardBytes(utf16, 'u.md'), 'binary')
  })
})

describe('executable front matter', () => {
  const marker = join(tmpdir(), `tidings-js-ran-${process.pid}`)
  const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); globalThis.__tidingsPwned = true; ({ title: 'pwned' })`
  const g = globalThis as { __tidingsPwned?: boolean }

  for (const fence of ['---js', '---javascript', '---JS', '---JavaScript', '--- js ', '---coffee', '---CoffeeScript', '---cson']) {
    it(`refuses '${fence}' without running it`, () => {
      const text = `${fence}\n${payload}\n---\n`
      expectRefusal(parseCardBytes(bytes(text), 'evil.md'), 'js-front-matter', 1)
      expect(g.__tidingsPwned).toBeUndefined()
      expect(existsSync(marker)).toBe(false)
    })
  }

  it('is refused by the gray-matter wrapper itself, even past the fence check', () => {
    for (const fence of ['---js', '---javascript', '---Javascript', '---coffee']) {
      expect(() => readFrontMatterWithGrayMatter(`${fence}\n${payload}\n---\n`)).toThrow(CodeFrontMatterError)
    }
    expect(g.__tidingsPwned).toBeUndefined()
    expect(existsSync(marker)).toBe(false)
  })

  it('YAML tags cannot build functions or regexps either', () => {
    const outcome = parseCardBytes(bytes('---\ntitle: !!js/function "function () { globalThis.__tidingsPwned = true }"\n---\n'), 't.md')
    expectRefusal(outcome, 'yaml-syntax')
    expect(g.__tidingsPwned).toBeUndefined()
  })
})

describe('YAML alias bombs', () => {
  const laughs = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let level = 1; level <= 8; level++) {
    const previous = String.fromCharCode(96 + level)
    const name = String.fromCharCode(97 + level)
    laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`)
  }
  laughs.push('title: boom', '---', '')

  it('refuses a billion laughs (9^9 nodes from a few lines)', () => {
    const error = expectRefusal(parseCardBytes(bytes(laughs.join('\n')), 'bomb.md'), 'yaml-too-complex')
    expect(error.path).toBe('bomb.md')
  })

  it('refuses a self-referencing alias', () => {
    const outcome = parseCardBytes(bytes('---\nloop: &x [1, *x]\ntitle: t\n---\n'), 'loop.md')
    expect(errorOf(outcome).code).toMatch(/yaml-too-complex|yaml-syntax/)
  })

  it('refuses nesting past the depth limit', () => {
    const deep = `---\nx: ${'['.repeat(500)}${']'.repeat(500)}\n---\n`
    expectRefusal(parseCardBytes(bytes(deep), 'deep.md'), 'yaml-too-complex')
  })

  it('refuses one big string repeated by aliases past 16 MB (a 1 MB card that serialised to 2 GB)', () => {
    const text = `---\ntitle: t\nblob: &s "${'x'.repeat(1024 * 1024)}"\nbomb: [${Array(2000).fill('*s').join(', ')}]\n---\n`
    expect(text.length).toBeLessThan(MAX_CARD_BYTES)
    const started = performance.now()
    const error = expectRefusal(parseCardBytes(bytes(text), 'blob.md'), 'yaml-too-complex')
    expect(error.message).toContain('16 MB')
    expect(performance.now() - started).toBeLessThan(2_000)
    // Keys count too: a map with a long key repeated.
    const keys = `---\ntitle: t\nm: &m {${'k'.repeat(1024 * 1024)}: 1}\nbomb: [${Array(20).fill('*m').join(', ')}]\n---\n`
    expectRefusal(parseCardBytes(bytes(keys), 'keys.md'), 'yaml-too-complex')
  })

  it('accepts a big honest card whose aliases repeat small values', () => {
    const text = `---\ntitle: t\nexcerpt: "${'y'.repeat(3 * 1024 * 1024)}"\nlogo: &l {url: "https://e.example/l.png"}\nprovider: {name: P, images: [*l]}\nlist: [${Array(2000).fill('*l').join(', ')}]\n---\n`
    expect(parseCardBytes(bytes(text), 'big-ok.md').ok).toBe(true)
  })

  it('still accepts honest aliases', () => {
    const outcome = parseCardBytes(bytes('---\ntitle: t\nlogo: &l {url: "https://e.example/l.png"}\nprovider: {name: P, images: [*l]}\n---\n'), 'ok.md')
    expect(outcome.ok && outcome.card.provider?.logo?.url).toBe('https://e.example/l.png')
  })
})

describe('readCardFile', () => {
  it('reads, stats and parses a file', async () => {
    await writeFile(join(folder, 'good.md'), GOOD)
    const read = await readCardFile(folder, 'good.md')
    expect(read).toMatchObject({ path: 'good.md', size: Buffer.byteLength(GOOD), outcome: { ok: true } })
    expect(read.mtimeMs).toBeGreaterThan(0)
  })

  it('reports a file that vanished as an error, without throwing', async () => {
    const read = await readCardFile(folder, 'gone.md')
    expect(read.outcome).toMatchObject({ ok: false, error: { path: 'gone.md', code: 'vanished' } })
  })

  it('refuses a file over the cap from its size, before reading it', async () => {
    const handle = await open(join(folder, 'huge.md'), 'w')
    await handle.truncate(MAX_CARD_BYTES + 1) // sparse: nothing to read but zeros
    await handle.close()
    const read = await readCardFile(folder, 'huge.md')
    expect(read.size).toBe(MAX_CARD_BYTES + 1)
    expect(errorOf(read.outcome).code).toBe('too-large')
  })

  it('names what a binary file looks like', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4890000000049454e44ae426082', 'hex')
    await writeFile(join(folder, 'picture.md'), png)
    const error = errorOf((await readCardFile(folder, 'picture.md')).outcome)
    expect(error.code).toBe('binary')
    expect(error.message).toMatch(/PNG/)
  })

  it('reports a folder named like a card as unreadable', async () => {
    await mkdir(join(folder, 'folder.md'), { recursive: true })
    expect(errorOf((await readCardFile(folder, 'folder.md')).outcome).code).toBe('unreadable')
  })

  it('refuses a FIFO named like a card without waiting for a writer', async () => {
    const fifo = join(folder, 'pipe.md')
    const made = spawnSync('mkfifo', [fifo])
    if (made.status !== 0) return void console.info('FIFO test skipped: mkfifo is not available')
    expect(errorOf((await readCardFile(folder, 'pipe.md')).outcome)).toMatchObject({ code: 'unreadable', message: 'it is not a regular file' })
    expect(errorOf(readCardFileSync(folder, 'pipe.md').outcome).code).toBe('unreadable')
  })

  it('reads the same with blocking I/O (the worker threads use it)', async () => {
    await writeFile(join(folder, 'bad.md'), '---\ntitle: x\n')
    for (const path of ['good.md', 'gone.md', 'huge.md', 'folder.md', 'bad.md']) {
      expect(readCardFileSync(folder, path), path).toEqual(await readCardFile(folder, path))
    }
  })

  it('reads a short card right after a long one with blocking I/O (they share one read buffer) as the async read does', async () => {
    const long = GOOD.replace('---\n', `---\nsummary: ${'a long summary '.repeat(2000)}\n`)
    await writeFile(join(folder, 'long.md'), long)
    await writeFile(join(folder, 'short.md'), GOOD)
    for (const path of ['long.md', 'short.md', 'long.md', 'short.md']) {
      expect(readCardFileSync(folder, path), path).toEqual(await readCardFile(folder, path))
    }
  })

  const isRoot = process.getuid?.() === 0
  it.skipIf(isRoot)('reports a file it may not read as permission-denied', async () => {
    const path = join(folder, 'secret.md')
    await writeFile(path, GOOD)
    await chmod(path, 0o000)
    try {
      expect(errorOf((await readCardFile(folder, 'secret.md')).outcome).code).toBe('permission-denied')
    } finally {
      await chmod(path, 0o644)
    }
  })
  if (isRoot) console.info('readCardFile permission test skipped: running as root, chmod 000 does not stop root reading (the CLI test covers it as user nobody)')
})
