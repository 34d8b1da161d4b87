import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CliIo } from '../cli/io'
import { run as serve } from '../cli/serve-command'
import { startBrowserHost, type BrowserHost } from './browser-host'

const CARD = `---
title: "Lighthouse keepers return"
publishedDateTime: 2024-05-01T10:00:00Z
webUrl: "https://coast.example/lighthouse"
---
`

describe('browser host wired to the real app core', () => {
  let root: string
  let folder: string
  let rendererDir: string
  let host: BrowserHost | null

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tidings-browser-host-'))
    folder = join(root, 'cards')
    rendererDir = join(root, 'renderer')
    await mkdir(folder)
    await mkdir(rendererDir)
    await writeFile(join(folder, '2024-05-01-lighthouse.md'), CARD)
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><head><title>Tidings</title></head>')
    host = null
  })

  afterEach(async () => {
    await host?.close()
    await rm(root, { recursive: true, force: true })
  })

  const start = async (openLinks = false): Promise<BrowserHost> =>
    (host = await startBrowserHost({ folder, dataDir: join(root, 'data'), rendererDir, sampleFolder: null, version: '9.9.9', port: 0, openLinks }))

  async function call(name: string, arg: unknown = null): Promise<unknown> {
    const url = new URL(host!.url)
    const response = await fetch(`${url.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { 'X-Tidings-Token': url.searchParams.get('token')!, 'Content-Type': 'application/json' },
      body: JSON.stringify({ arg })
    })
    const body = (await response.json()) as { ok: boolean; result?: unknown; error?: string }
    if (!body.ok) throw new Error(body.error)
    return body.result
  }

  it('opens FOLDER at start, so the page starts on it', async () => {
    await start()
    expect(await call('getAppInfo')).toMatchObject({ host: 'browser', version: '9.9.9', initialFolder: folder })
  })

  it("writes the folder's newest cards into the page it serves, so the page need not ask for them", async () => {
    await start()
    const page = await (await fetch(host!.url)).text()
    const json = /<script type="application\/json" id="tidings-first-cards">(.*?)<\/script>/.exec(page)?.[1]
    expect(JSON.parse(json ?? 'undefined')).toMatchObject({ folder, cards: [{ title: 'Lighthouse keepers return' }] })
  })

  it('has no folder dialog and refuses non-http(s) links', async () => {
    await start()
    expect(await call('chooseFolder')).toBeNull()
    expect(await call('openExternal', { url: 'file:///etc/passwd' })).toBe(false)
    expect(await call('openExternal', { url: 'javascript:alert(1)' })).toBe(false)
    // With link opening off (--no-open), even a good link is refused rather than claimed opened.
    expect(await call('openExternal', { url: 'https://coast.example/lighthouse' })).toBe(false)
  })

  it('syncs the folder through HTTP with the card in it', async () => {
    await start()
    const result = (await call('syncFolder', { folder, manifest: [] })) as { cards: number; errors: number }
    expect(result).toMatchObject({ cards: 1, errors: 0 })
  })

  it("takes the page's word on how far it saved, and refuses a malformed one by name", async () => {
    await start()
    await expect(call('savedUpTo', { seq: 12 })).resolves.toBeNull()
    await expect(call('savedUpTo', { seq: 'twelve' })).rejects.toThrow('savedUpTo: seq must be a number, got "twelve"')
  })

  it('refuses to start on an unusable folder, naming it and the reason', async () => {
    await expect(startBrowserHost({ folder: join(root, 'nope'), dataDir: join(root, 'data'), rendererDir, sampleFolder: null, version: '1', port: 0, openLinks: false })).rejects.toThrow(
      `Cannot open folder ${join(root, 'nope')}: it does not exist`
    )
  })
})

describe('tidings serve', () => {
  // The renderer may not be built yet when unit tests run (npm test builds after them).
  async function fakeRenderer(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'tidings-serve-renderer-'))
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Tidings</title>')
    return dir
  }

  function captureIo(): CliIo & { stdout: string; stderr: string } {
    const io = { stdout: '', stderr: '', interactive: false, out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) }
    return io
  }

  it('exits 2 with a clear message when the folder is unusable', async () => {
    const io = captureIo()
    const dataDir = await mkdtemp(join(tmpdir(), 'tidings-serve-data-'))
    const rendererDir = await fakeRenderer()
    expect(await serve(['/definitely/not/here', '--no-open', '--data-dir', dataDir], io, { rendererDir })).toBe(2)
    expect(io.stderr).toContain('Cannot open folder /definitely/not/here: it does not exist')
    for (const dir of [dataDir, rendererDir]) await rm(dir, { recursive: true, force: true })
  })

  it('prints one line with the URL, serves until stopped, then exits 0', async () => {
    const io = captureIo()
    const dataDir = await mkdtemp(join(tmpdir(), 'tidings-serve-data-'))
    const stop = new AbortController()
    const folder = await mkdtemp(join(tmpdir(), 'tidings-serve-cards-'))
    await writeFile(join(folder, '2024-05-01-lighthouse.md'), CARD)
    const rendererDir = await fakeRenderer()
    const exit = serve([folder, '--no-open', '--data-dir', dataDir], io, { signal: stop.signal, rendererDir })
    await expect.poll(() => io.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/)
    expect(io.stdout.trim().split('\n')).toHaveLength(1)
    expect(io.stdout).toContain(folder)
    const url = io.stdout.match(/http:\/\/\S+/)![0]
    stop.abort()
    expect(await exit).toBe(0)
    await expect(fetch(url)).rejects.toThrow()
    for (const dir of [folder, dataDir, rendererDir]) await rm(dir, { recursive: true, force: true })
  })
})
