import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BROKEN_CARD, CardFolder, cardText } from '../core/library/testing/card-folder'
import { captureIo } from './testing/run-cli'
import { runWatch } from './watch-command'

const SETTLE = { timeout: 20000, interval: 50 }

describe('tidings scan --watch', () => {
  let folder: CardFolder
  beforeEach(async () => {
    folder = await CardFolder.create('tidings-watch-cli-')
    await folder.write('2024-01-01-first.md', cardText({ title: 'First', url: 'https://news.example.com/first' }))
    await folder.write('broken.md', BROKEN_CARD)
  })
  afterEach(async () => {
    await folder.dispose()
  })

  it('prints the scan as JSON lines, then one line per change, and exits 0 on SIGINT', async () => {
    const io = captureIo()
    const exit = runWatch(folder.path, { json: true, io, workers: 0 })
    await vi.waitFor(() => expect(io.stderr()).toContain('watching'), SETTLE)
    expect(io.lines()).toMatchObject([
      { type: 'card', id: 'https://news.example.com/first', title: 'First', cardType: 'article' },
      { type: 'error', path: 'broken.md' },
      { type: 'summary', files: 2, distinct: 1, errors: 1 }
    ])
    const initial = io.lines().length
    const changes = () => io.lines().slice(initial)

    const url = 'https://news.example.com/second'
    await folder.write('2024-01-02-second.md', cardText({ title: 'Second', url }))
    await vi.waitFor(() => expect(changes()).toMatchObject([{ type: 'added', id: url, path: '2024-01-02-second.md', card: { title: 'Second' } }]), SETTLE)

    await folder.atomicWrite('2024-01-02-second.md', cardText({ title: 'Second, updated', url, related: 1 }))
    await vi.waitFor(() => expect(changes()).toHaveLength(2), SETTLE)
    expect(changes()[1]).toMatchObject({ type: 'changed', id: url, card: { title: 'Second, updated' } })

    await folder.move('2024-01-02-second.md', 'moved.md')
    await vi.waitFor(() => expect(changes()).toHaveLength(3), SETTLE)
    expect(changes()[2]).toMatchObject({ type: 'changed', id: url, path: 'moved.md' })

    await folder.write('moved.md', BROKEN_CARD)
    await vi.waitFor(() => expect(changes()).toHaveLength(4), SETTLE)
    expect(changes()[3]).toMatchObject({ type: 'error', id: url, path: 'moved.md', code: 'no-closing-fence' })

    await folder.remove('moved.md')
    await folder.remove('broken.md')
    await vi.waitFor(() => expect(changes()).toHaveLength(6), SETTLE)
    expect(changes().slice(4)).toEqual(
      expect.arrayContaining([
        { type: 'removed', id: url, path: 'moved.md' },
        { type: 'removed', id: null, path: 'broken.md' }
      ])
    )

    process.emit('SIGINT')
    expect(await exit).toBe(0)
  })

  it('exits 2 with a clear message when the folder cannot be used', async () => {
    const io = captureIo()
    expect(await runWatch(folder.abs('missing'), { json: true, io })).toBe(2)
    expect(io.stderr()).toContain(`cannot open folder ${folder.abs('missing')}: it does not exist`)
  })

  const jiti = resolve('node_modules/jiti/lib/jiti-cli.mjs')
  // jiti (a devDependency) runs the TypeScript CLI as its own process, without a build.
  it('runs as a process that reports a change and exits 0 on SIGINT', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, [jiti, resolve('src/main/cli/index.ts'), 'scan', folder.path, '--watch', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    try {
      await vi.waitFor(() => expect(err).toContain('watching'), { timeout: 60_000, interval: 100 })
      await folder.write('third.md', cardText({ title: 'Third', url: 'https://news.example.com/third' }))
      await vi.waitFor(() => expect(out).toContain('"type":"added"'), SETTLE)
      child.kill('SIGINT')
      expect(await exited).toBe(0)
      const last = out.trim().split('\n').at(-1)!
      expect(JSON.parse(last)).toMatchObject({ type: 'added', id: 'https://news.example.com/third' })
    } finally {
      child.kill('SIGKILL')
    }
  })
})
