import { unlinkSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rename, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ManifestEntry } from '../../../shared/contract'
import { FolderUnusableError, scanFolder, type ScanResult } from './scan'
import { readWithWorkers } from './worker-pool'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'

const isRoot = process.getuid?.() === 0

const card = (title: string, webUrl: string | null, date = '2025-03-04T05:06:07Z', extra = '') =>
  `---\ntitle: "${title}"\n${webUrl === null ? '' : `webUrl: "${webUrl}"\n`}publishedDateTime: ${date}\n${extra}---\n`

let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tidings-scan-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function makeFolder(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const folder = join(root, name)
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true })
    await writeFile(join(folder, path), content)
  }
  await mkdir(folder, { recursive: true })
  return folder
}

const paths = (result: ScanResult) => result.scanned.map((file) => file.path)
const errorCodes = (result: ScanResult) => Object.fromEntries(result.errors.map((error) => [error.path, error.code]))
const manifestOf = (result: ScanResult): ManifestEntry[] =>
  result.scanned.map((file) => ({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, id: file.card?.id ?? null, publishedAtMs: file.card?.publishedAtMs ?? null }))

describe('scanFolder: what it reads', () => {
  it('reads Markdown cards in the folder and its subfolders, and nothing else', async () => {
    const folder = await makeFolder('walk', {
      'a.md': card('A', 'https://e.example/a'),
      'sub/deeper/b.markdown': card('B', 'https://e.example/b'),
      'sub/C.MD': card('C', 'https://e.example/c'),
      'notes.txt': 'not a card',
      'image.jpg': new Uint8Array([0xff, 0xd8, 0xff]),
      '.hidden.md': card('Hidden', 'https://e.example/hidden'),
      '.git/HEAD.md': card('Git', 'https://e.example/git'),
      'node_modules/pkg/README.md': card('Dep', 'https://e.example/dep'),
      'sub/.cache/x.md': card('Cache', 'https://e.example/cache')
    })
    const result = await scanFolder(folder)
    expect(paths(result)).toEqual(['a.md', 'sub/C.MD', 'sub/deeper/b.markdown'])
    expect(result.cards.map((c) => c.title).sort()).toEqual(['A', 'B', 'C'])
    expect(result.errors).toEqual([])
  })

  it('reports a bad card with its reason and still returns every other card', async () => {
    const folder = await makeFolder('mixed', {
      '2025-01-01-good.md': card('Good', 'https://e.example/good'),
      '2025-01-02-open.md': '---\ntitle: "never closed"\n',
      '2025-01-03-empty.md': '',
      '2025-01-04-js.md': '---js\n({ title: "x" })\n---\n',
      '2025-01-05-also-good.md': card('Also good', 'https://e.example/also')
    })
    const result = await scanFolder(folder)
    expect(result.cards.map((c) => c.title).sort()).toEqual(['Also good', 'Good'])
    expect(errorCodes(result)).toEqual({ '2025-01-02-open.md': 'no-closing-fence', '2025-01-03-empty.md': 'empty', '2025-01-04-js.md': 'js-front-matter' })
  })

  it('returns cards newest first', async () => {
    const folder = await makeFolder('order', {
      'a.md': card('Old', 'https://e.example/1', '2024-01-01T00:00:00Z'),
      'b.md': card('New', 'https://e.example/2', '2026-01-01T00:00:00Z'),
      'c.md': card('Middle', 'https://e.example/3', '2025-01-01T00:00:00Z')
    })
    expect((await scanFolder(folder)).cards.map((c) => c.title)).toEqual(['New', 'Middle', 'Old'])
  })
})

describe('scanFolder: symlinks', () => {
  it('follows a symlinked card and a symlinked folder outside the root', async () => {
    const outside = await makeFolder('outside', { 'x.md': card('Outside', 'https://e.example/outside'), 'target.md': card('Target', 'https://e.example/target') })
    const folder = await makeFolder('links', { 'a.md': card('A', 'https://e.example/a') })
    await symlink(join(outside, 'target.md'), join(folder, 'linked.md'))
    await symlink(outside, join(folder, 'elsewhere'))
    const result = await scanFolder(folder)
    expect(paths(result)).toEqual(['a.md', 'elsewhere/target.md', 'elsewhere/x.md', 'linked.md'])
    expect(result.errors).toEqual([])
  })

  it('reports a symlink loop instead of following it forever, and reads the rest', async () => {
    const folder = await makeFolder('loop', { 'a.md': card('A', 'https://e.example/a'), 'sub/b.md': card('B', 'https://e.example/b') })
    await symlink('..', join(folder, 'sub', 'up'))
    await symlink(folder, join(folder, 'sub', 'root-again'))
    await symlink('self.md', join(folder, 'self.md'))
    const result = await scanFolder(folder)
    expect(paths(result)).toEqual(['a.md', 'sub/b.md'])
    expect(errorCodes(result)).toEqual({ 'self.md': 'symlink-loop', 'sub/root-again': 'symlink-loop', 'sub/up': 'symlink-loop' })
    expect(result.errors.find((error) => error.path === 'sub/up')!.message).toMatch(/leads back/)
  })

  it('reports a symlinked card whose target is missing', async () => {
    const folder = await makeFolder('dangling', { 'a.md': card('A', 'https://e.example/a') })
    await symlink(join(root, 'no-such-file.md'), join(folder, 'broken.md'))
    const result = await scanFolder(folder)
    expect(errorCodes(result)).toEqual({ 'broken.md': 'unreadable' })
    expect(result.cards).toHaveLength(1)
  })
})

describe('scanFolder: unusable folders', () => {
  it('throws FolderUnusableError for a missing folder and for a file', async () => {
    const missing = join(root, 'does-not-exist')
    await expect(scanFolder(missing)).rejects.toThrow(FolderUnusableError)
    await expect(scanFolder(missing)).rejects.toMatchObject({ folder: missing, reason: 'it does not exist' })
    const file = join(await makeFolder('has-file', { 'f.md': card('F', null) }), 'f.md')
    await expect(scanFolder(file)).rejects.toMatchObject({ reason: 'it is a file, not a folder' })
  })

  it.skipIf(isRoot)('throws FolderUnusableError for a folder it may not read', async () => {
    const folder = await makeFolder('locked', { 'a.md': card('A', null) })
    await chmod(folder, 0o000)
    try {
      await expect(scanFolder(folder)).rejects.toMatchObject({ reason: 'permission denied' })
    } finally {
      await chmod(folder, 0o755)
    }
  })

  it.skipIf(isRoot)('reports an unreadable subfolder and an unreadable card, and reads the rest', async () => {
    const folder = await makeFolder('partly-locked', { 'a.md': card('A', 'https://e.example/a'), 'secret/b.md': card('B', null), 'c.md': card('C', 'https://e.example/c') })
    await chmod(join(folder, 'secret'), 0o000)
    await chmod(join(folder, 'c.md'), 0o000)
    try {
      const result = await scanFolder(folder)
      expect(errorCodes(result)).toEqual({ 'c.md': 'permission-denied', secret: 'permission-denied' })
      expect(result.cards.map((c) => c.title)).toEqual(['A'])
    } finally {
      await chmod(join(folder, 'secret'), 0o755)
      await chmod(join(folder, 'c.md'), 0o644)
    }
  })
  if (isRoot) console.info('scan permission tests skipped: running as root, where mode 000 does not stop reads (src/main/cli/scan-command.test.ts runs the CLI as user nobody instead)')
})

describe('scanFolder: files that change during the scan', () => {
  it('reports a file deleted between listing and reading as vanished, for that file alone', async () => {
    const folder = await makeFolder('vanishing', { 'a.md': card('A', 'https://e.example/a'), 'b.md': card('B', 'https://e.example/b') })
    const result = await scanFolder(folder, {
      // Called once the listing is done and before any file is read.
      onProgress: ({ phase }) => {
        if (phase === 'listing') unlinkSync(join(folder, 'b.md'))
      }
    })
    expect(paths(result)).toEqual(['a.md', 'b.md'])
    expect(errorCodes(result)).toEqual({ 'b.md': 'vanished' })
    expect(result.cards.map((c) => c.title)).toEqual(['A'])
  })

  it('reports a file deleted between listing and its manifest check as vanished', async () => {
    const folder = await makeFolder('vanishing-manifest', { 'a.md': card('A', 'https://e.example/a'), 'b.md': card('B', 'https://e.example/b') })
    const manifest = manifestOf(await scanFolder(folder))
    const result = await scanFolder(folder, {
      manifest,
      onProgress: ({ phase }) => {
        if (phase === 'listing') unlinkSync(join(folder, 'b.md'))
      }
    })
    expect(errorCodes(result)).toEqual({ 'b.md': 'vanished' })
    expect(result.unchanged.map((entry) => entry.path)).toEqual(['a.md'])
  })
})

describe('scanFolder: cancelling', () => {
  it('stops with the abort reason when its signal is aborted', async () => {
    const folder = await makeFolder('abort', { 'a.md': card('A', null), 'b.md': card('B', null) })
    const controller = new AbortController()
    const scan = scanFolder(folder, { signal: controller.signal, onProgress: () => controller.abort(new Error('user closed the folder')) })
    await expect(scan).rejects.toThrow('user closed the folder')
  })
})

describe('scanFolder: manifest', () => {
  it('re-reads only what changed, lists what is unchanged and what was removed', async () => {
    const folder = await makeFolder('manifest', {
      'keep.md': card('Keep', 'https://e.example/keep'),
      'change.md': card('Change', 'https://e.example/change'),
      'remove.md': card('Remove', 'https://e.example/remove'),
      'touch.md': card('Touch', 'https://e.example/touch')
    })
    // Whole seconds, so the mtime can be put back exactly after the rewrite below.
    const fixedTime = 1_700_000_000
    await utimes(join(folder, 'keep.md'), fixedTime, fixedTime)
    const first = await scanFolder(folder)
    expect(paths(first)).toHaveLength(4)
    const manifest = manifestOf(first)

    await writeFile(join(folder, 'change.md'), card('Changed a lot more', 'https://e.example/change'))
    await unlink(join(folder, 'remove.md'))
    await writeFile(join(folder, 'new.md'), card('New', 'https://e.example/new'))
    const later = new Date(Date.now() + 5000)
    await utimes(join(folder, 'touch.md'), later, later)
    // Same size, old mtime: a rewrite the manifest cannot see. It must not be read.
    await writeFile(join(folder, 'keep.md'), card('KEEP', 'https://e.example/keep'))
    await utimes(join(folder, 'keep.md'), fixedTime, fixedTime)

    const second = await scanFolder(folder, { manifest })
    expect(paths(second)).toEqual(['change.md', 'new.md', 'touch.md'])
    expect(second.unchanged.map((entry) => entry.path)).toEqual(['keep.md'])
    expect(second.removed).toEqual(['remove.md'])
    expect(second.cards.map((c) => c.title).sort()).toEqual(['Changed a lot more', 'New', 'Touch'])
  })

  it('reads nothing when nothing changed', async () => {
    const folder = await makeFolder('steady', { 'a.md': card('A', 'https://e.example/a'), 'b/c.md': card('C', null) })
    const first = await scanFolder(folder)
    const second = await scanFolder(folder, { manifest: manifestOf(first) })
    expect(second.scanned).toEqual([])
    expect(second.unchanged).toHaveLength(2)
    expect(second.removed).toEqual([])
  })
})

describe('scanFolder: identity', () => {
  it('keeps a card id across a rename and across a rewrite of the file', async () => {
    const folder = await makeFolder('identity', { '2025-01-01-first-name.md': card('Story', 'https://e.example/story?utm_source=feed') })
    const [before] = (await scanFolder(folder)).cards
    expect(before.id).toBe('https://e.example/story')

    await rename(join(folder, '2025-01-01-first-name.md'), join(folder, '2025-01-02-renamed.md'))
    const [renamed] = (await scanFolder(folder)).cards
    expect(renamed.id).toBe(before.id)
    expect(renamed.path).toBe('2025-01-02-renamed.md')

    await writeFile(
      join(folder, '2025-01-02-renamed.md'),
      card('Story, updated with more coverage', 'https://E.example/story#related', '2025-01-02T00:00:00Z', 'related:\n  - title: "More"\n    webUrl: "https://other.example/more"\n')
    )
    const [rewritten] = (await scanFolder(folder)).cards
    expect(rewritten.id).toBe(before.id)
    expect(rewritten.related).toHaveLength(1)
  })

  it('makes duplicates one story: the newer file wins, the alias takes over when it goes', async () => {
    const folder = await makeFolder('duplicates', {
      '2025-01-01-story.md': card('Story (first export)', 'https://e.example/dup', '2025-01-01T10:00:00Z'),
      'later/2025-01-02-story.md': card('Story (re-export)', 'https://e.example/dup', '2025-01-02T10:00:00Z'),
      'other.md': card('Other', 'https://e.example/other')
    })
    const result = await scanFolder(folder)
    expect(result.copies).toHaveLength(2)
    expect(result.cards).toHaveLength(2)
    const dup = result.copies.find((s) => s.id === 'https://e.example/dup')!
    expect(dup.paths).toEqual(['later/2025-01-02-story.md', '2025-01-01-story.md'])
    expect(dup.card).toMatchObject({ title: 'Story (re-export)', path: 'later/2025-01-02-story.md', aliases: ['2025-01-01-story.md'] })

    await unlink(join(folder, 'later/2025-01-02-story.md'))
    const after = (await scanFolder(folder)).copies.find((s) => s.id === 'https://e.example/dup')!
    expect(after.card).toMatchObject({ title: 'Story (first export)', path: '2025-01-01-story.md', aliases: [] })
  })
})

describe('scanFolder: worker threads', () => {
  let workerScript: URL
  beforeAll(async () => {
    // Build the worker from the current source, inside the repo so its packages resolve.
    const outDir = resolve('node_modules/.cache/tidings-scan-worker-test')
    await build({
      configFile: false,
      logLevel: 'silent',
      build: { ssr: resolve('src/main/core/scan/scan-worker.ts'), outDir, emptyOutDir: true, rollupOptions: { output: { format: 'es', entryFileNames: 'scan-worker.js' } } }
    })
    workerScript = pathToFileURL(join(outDir, 'scan-worker.js'))
  }, 60_000)

  it('reads the real cards in workers exactly as in one thread', async () => {
    const folder = sharedCards('real')
    const inThread = await scanFolder(folder, { workers: 0 })
    let chunksSeen = 0
    const inWorkers = await scanFolder(folder, { workers: 2, workerScript, onProgress: ({ phase }) => void (phase === 'reading' && chunksSeen++) })
    expect(inWorkers.scanned).toHaveLength(cardFilesIn(folder).length)
    expect(inWorkers.scanned).toEqual(inThread.scanned)
    expect(inWorkers.cards).toEqual(inThread.cards)
    // Progress arrives per chunk of a few hundred files, not per file.
    expect(chunksSeen).toBeGreaterThan(1)
    expect(chunksSeen).toBeLessThan(10)
  })

  it('hands chunks over one at a time, and stops reading ahead while the taker is busy', async () => {
    // A stand-in worker that answers every chunk at once and notes each request on disk.
    const requests = join(root, 'requests.log')
    const fake = join(root, 'counting-worker.mjs')
    await writeFile(
      fake,
      `import { appendFileSync } from 'node:fs'\nimport { parentPort } from 'node:worker_threads'\n` +
        `parentPort.on('message', ({ chunk, paths }) => {\n  appendFileSync(${JSON.stringify(requests)}, 'x')\n` +
        `  parentPort.postMessage({ chunk, files: paths.map((path) => ({ path, size: 1, mtimeMs: 1, card: null, error: null })) })\n})\n`
    )
    await writeFile(requests, '')
    const paths = Array.from({ length: 400 }, (_, i) => `card-${String(i).padStart(3, '0')}.md`)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const taken: string[] = []
    let taking = 0
    let overlapped = false
    const reading = readWithWorkers(pathToFileURL(fake), 2, root, paths, async (files) => {
      overlapped ||= taking > 0
      taking++
      taken.push(...files.map((file) => file.path))
      if (taken.length === files.length) await held
      taking--
    }, { chunkSize: 10 })

    // The first chunk is held: the workers go on for only a few chunks more, not all 40.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const requestedWhileHeld = (await readFile(requests, 'utf8')).length
    expect(requestedWhileHeld).toBeLessThanOrEqual(6)
    release()
    await reading
    expect(overlapped).toBe(false)
    expect([...taken].sort()).toEqual(paths)
  })

  it('reads in this thread when no worker can start', async () => {
    const folder = sharedCards('real/covid-api')
    const result = await scanFolder(folder, { workers: 2, workerScript: new URL('https://example.com/not-a-file.js') })
    expect(result.scanned).toHaveLength(8)
    expect(result.errors).toEqual([])
  })

  it('still reads every file when a worker dies', async () => {
    const broken = join(root, 'broken-worker.mjs')
    await writeFile(broken, "throw new Error('worker failed to start')\n")
    const folder = sharedCards('real/covid-api')
    const result = await scanFolder(folder, { workers: 2, workerScript: pathToFileURL(broken) })
    expect(result.scanned).toHaveLength(8)
    expect(result.errors).toEqual([])
  })
})
