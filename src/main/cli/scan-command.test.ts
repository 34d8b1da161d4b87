import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { version } from '../../../package.json'
import { cli, jsonLines } from './testing/run-cli'
import { scratchFolder } from '../core/testing/scratch-folder'
import { sharedCards } from '../core/testing/shared-cards'

const SAMPLE = resolve('resources/sample-cards')
const BROKEN_SAMPLE = '2026-04-22-bridge-repairs-draft.md'

const scratch = scratchFolder('tidings-cli-', 'all tests')

describe('tidings scan FOLDER', () => {
  it('prints a summary: card files, cards, distinct cards, and errors by file with their reasons', async () => {
    const { code, out, err } = await cli('scan', SAMPLE)
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(out).toContain(`Scanned ${SAMPLE}`)
    expect(out).toContain('33 card files: 32 cards, 31 distinct once copies are merged, 1 error')
    expect(out).toMatch(/wins: +2025-12-02-winter-storms-test-the-new-flood-barriers\.md\n +alias: archive\/2025-12-01-winter-storms-test-the-new-flood-barriers\.md/)
    expect(out).toContain(`Errors (1):\n  ${BROKEN_SAMPLE}\n    no-closing-fence, line 1: the front matter opened on line 1 is never closed`)
  })

  it('with --json prints one object per line: cards, then errors, then the summary', async () => {
    const { code, out } = await cli('scan', SAMPLE, '--json')
    expect(code).toBe(0)
    const lines = jsonLines(out)
    expect(lines.map((line) => line.type)).toEqual([...lines.filter((line) => line.type === 'card').map(() => 'card'), 'error', 'summary'])
    // A story in two files comes as its first file read, then again with its winner and aliases: the last line per id wins.
    const byId = new Map(lines.filter((line) => line.type === 'card').map((line) => [line.id, line]))
    const cards = [...byId.values()]
    const errors = lines.filter((line) => line.type === 'error')
    expect(cards).toHaveLength(31)
    expect(lines.filter((line) => line.type === 'card')).toHaveLength(32)
    expect(errors).toEqual([{ type: 'error', path: BROKEN_SAMPLE, code: 'no-closing-fence', message: expect.stringContaining('never closed'), line: 1 }])
    expect(lines.at(-1)).toEqual({ type: 'summary', folder: SAMPLE, files: 33, cards: 32, distinct: 31, errors: 1, durationMs: expect.any(Number) })

    const seed = cards.find((line) => line.path === '2022-01-29-china-cyberspace-regulator-issues-draft-rules-on-deep-fakes.md')!
    expect(seed).toMatchObject({
      id: 'https://www.jurist.org/news/2022/01/china-cyberspace-regulator-issues-draft-rules-on-deep-fakes/',
      title: 'China cyberspace regulator issues draft rules on deep fakes',
      publishedAt: '2022-01-29T12:47:00.000Z',
      cardType: 'article',
      heat: null,
      topics: ['Machine Learning', 'AI']
    })
    expect(seed.secured).toMatch(/;/)
    const video = cards.find((line) => line.cardType === 'video' && line.webUrl === null)!
    expect(video.id).toMatch(/^https:\/\/youtube\.com\/watch\?v=/)
    const storm = cards.find((line) => String(line.id).includes('winter-storms'))!
    expect(storm).toMatchObject({ path: '2025-12-02-winter-storms-test-the-new-flood-barriers.md', aliases: ['archive/2025-12-01-winter-storms-test-the-new-flood-barriers.md'] })
  })

  it('exits 2 naming the folder and the reason when the folder is unusable', async () => {
    const missing = join(scratch.path, 'no-such-folder')
    const gone = await cli('scan', missing)
    expect(gone.code).toBe(2)
    expect(gone.out).toBe('')
    expect(gone.err).toBe(`tidings scan: cannot open folder ${missing}: it does not exist\n`)

    const file = join(scratch.path, 'a-file.md')
    await writeFile(file, 'x')
    const notFolder = await cli('scan', file, '--json')
    expect(notFolder.code).toBe(2)
    expect(notFolder.out).toBe('')
    expect(notFolder.err).toContain(`cannot open folder ${file}: it is a file, not a folder`)
  })

  it('exits 0 for a folder of nothing but bad cards', async () => {
    const folder = join(scratch.path, 'all-bad')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'a.md'), '')
    await writeFile(join(folder, 'b.md'), 'no front matter')
    const { code, out } = await cli('scan', folder, '--json')
    expect(code).toBe(0)
    expect(jsonLines(out).map((line) => [line.type, line.code ?? null])).toEqual([
      ['error', 'empty'],
      ['error', 'no-front-matter'],
      ['summary', null]
    ])
  })

  it('exits 1 with the usage for a missing folder argument or an unknown option', async () => {
    const none = await cli('scan')
    expect(none.code).toBe(1)
    expect(none.err).toContain('which folder?')
    const unknown = await cli('scan', SAMPLE, '--frobnicate')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain("unknown option '--frobnicate'")
    expect(unknown.err).toContain('Usage: tidings scan FOLDER')
  })
})

describe('the tidings command', () => {
  it('prints help and version', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    for (const command of ['scan FOLDER', 'cache', 'serve']) expect(help.out).toContain(`tidings ${command}`)
    expect(await cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' })
    expect((await cli('scan', '--help')).out).toContain('--json')
  })

  it('refuses an unknown command, and a command name borrowed from Object', async () => {
    for (const name of ['frobnicate', 'toString', '__proto__']) {
      const result = await cli(name)
      expect(result.code).toBe(1)
      expect(result.err).toContain(`unknown command '${name}'`)
    }
  })
})

// Root reads any file whatever its mode, so as root the built CLI runs as user nobody instead.
describe('permission denied', () => {
  const builtCli = resolve('out/main/cli.js')
  const isRoot = process.getuid?.() === 0
  const canRunAsNobody = isRoot && existsSync(builtCli)
  if (isRoot && !canRunAsNobody) console.info('permission test skipped: running as root and out/main/cli.js is not built (run npx electron-vite build)')

  async function lockedFolder(): Promise<string> {
    const folder = join(scratch.path, 'locked')
    await mkdir(join(folder, 'private'), { recursive: true })
    await writeFile(join(folder, 'open.md'), '---\ntitle: "Open"\nwebUrl: "https://e.example/open"\n---\n')
    await writeFile(join(folder, 'secret.md'), '---\ntitle: "Secret"\n---\n')
    await writeFile(join(folder, 'private', 'inner.md'), '---\ntitle: "Inner"\n---\n')
    await chmod(scratch.path, 0o755)
    await chmod(folder, 0o755)
    await chmod(join(folder, 'open.md'), 0o644)
    await chmod(join(folder, 'secret.md'), 0o600)
    await chmod(join(folder, 'private'), 0o700)
    return folder
  }

  it.runIf(canRunAsNobody)('reports unreadable cards and folders as errors and reads the rest (CLI as user nobody)', async () => {
    const folder = await lockedFolder()
    const run = spawnSync(process.execPath, [builtCli, 'scan', folder, '--json'], { uid: 65534, gid: 65534, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const lines = jsonLines(run.stdout)
    expect(lines.filter((line) => line.type === 'card').map((line) => line.title)).toEqual(['Open'])
    expect(lines.filter((line) => line.type === 'error').map((line) => [line.path, line.code])).toEqual([
      ['private', 'permission-denied'],
      ['secret.md', 'permission-denied']
    ])

    await chmod(folder, 0o700)
    const unusable = spawnSync(process.execPath, [builtCli, 'scan', folder], { uid: 65534, gid: 65534, encoding: 'utf8' })
    expect(unusable.status).toBe(2)
    expect(unusable.stderr).toContain(`cannot open folder ${folder}: permission denied`)
  })

  it.runIf(!isRoot)('reports unreadable cards and folders as errors and reads the rest', async () => {
    const folder = await lockedFolder()
    await chmod(join(folder, 'secret.md'), 0o000)
    await chmod(join(folder, 'private'), 0o000)
    try {
      const { code, out } = await cli('scan', folder, '--json')
      expect(code).toBe(0)
      expect(jsonLines(out).filter((line) => line.type === 'error').map((line) => [line.path, line.code])).toEqual([
        ['private', 'permission-denied'],
        ['secret.md', 'permission-denied']
      ])
    } finally {
      await chmod(join(folder, 'private'), 0o755)
    }
  })
})

describe('tidings scan --json into a reader that stops early', () => {
  // jiti (a devDependency) runs the TypeScript CLI as its own process, without a build.
  it('exits 0 without a stack trace when the pipe closes (as `| head` does)', { timeout: 90_000 }, async () => {
    const jiti = resolve('node_modules/jiti/lib/jiti-cli.mjs')
    const child = spawn(process.execPath, [jiti, resolve('src/main/cli/index.ts'), 'scan', sharedCards(), '--json', '--workers', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (chunk) => (err += chunk))
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    // The first block of lines, then the reader goes away.
    await new Promise((done) => child.stdout.once('data', done))
    child.stdout.destroy()
    expect(await exited).toBe(0)
    expect(err).not.toContain('EPIPE')
  })
})
