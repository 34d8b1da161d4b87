// Reading in worker threads: the same result as one thread, chunks handed over one at a time with
// bounded read-ahead, and every file still read when no worker starts or one dies.
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { scanFolder, streamFolder } from './scan'
import { cardLineText } from './card-line'
import { readWithWorkers } from './worker-pool'
import type { ScannedFile } from './read-files'
import { scratchFolder } from '../testing/scratch-folder'

const scratch = scratchFolder('tidings-scan-workers-', 'all tests')

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

  it('reads in this thread and a worker at once when this thread reads too, every card as the line one thread prints', async () => {
    const folder = sharedCards('related-heavy')
    const inThread = await scanFolder(folder, { workers: 0 })
    const byPath = new Map(inThread.scanned.map((file) => [file.path, file]))
    // The real worker, behind a listener that notes each chunk it is sent: whichever thread read a file, its card comes as its line.
    const requests = join(scratch.path, 'alongside-requests.log')
    const noting = join(scratch.path, 'noting-worker.mjs')
    await writeFile(requests, '')
    await writeFile(
      noting,
      // The worker's own listener first: a message that arrived before it would be lost to it.
      `import { appendFileSync } from 'node:fs'\nimport { parentPort } from 'node:worker_threads'\n` +
        `await import(${JSON.stringify(workerScript.href)})\nparentPort.on('message', () => appendFileSync(${JSON.stringify(requests)}, 'x'))\n`
    )
    // Checked once the scan is over: an assertion thrown in the taker would leave the scan waiting.
    const taken: ScannedFile[] = []
    await streamFolder(folder, {
      workers: 1,
      workerScript: pathToFileURL(noting),
      chunkSize: 20,
      lines: true,
      readHereToo: true,
      onFiles: (files) => void taken.push(...files)
    })
    const read = taken.length
    expect(read).toBe(cardFilesIn(folder).length)
    for (const file of taken) {
      expect(file.card, file.path).toBeNull()
      expect(file.line && Buffer.from(file.line.bytes).toString('utf8'), file.path).toBe(cardLineText(byPath.get(file.path)!.card!))
    }
    // Both threads took chunks, and this thread more than one. (Not a share: how many the worker takes
    // depends on how soon its isolate starts, which on a loaded machine can be most of the scan.)
    const chunks = Math.ceil(read / 20)
    const workerChunks = (await readFile(requests, 'utf8')).length
    expect(workerChunks).toBeGreaterThanOrEqual(1)
    expect(chunks - workerChunks).toBeGreaterThan(1)
  })

  it('hands chunks over one at a time, and stops reading ahead while the taker is busy', async () => {
    // A stand-in worker that answers every chunk at once and notes each request on disk.
    const requests = join(scratch.path, 'requests.log')
    const fake = join(scratch.path, 'counting-worker.mjs')
    await writeFile(
      fake,
      `import { appendFileSync } from 'node:fs'\nimport { parentPort } from 'node:worker_threads'\n` +
        `parentPort.on('message', ({ chunk, pathBytes, start, end }) => {\n  appendFileSync(${JSON.stringify(requests)}, 'x')\n` +
        `  const paths = Buffer.from(pathBytes, start, end - start - 1).toString('utf8').split('\\0')\n` +
        `  parentPort.postMessage({ chunk, files: paths.map((path) => ({ path, size: 1, mtimeMs: 1, card: null, error: null })) })\n})\n`
    )
    await writeFile(requests, '')
    const paths = Array.from({ length: 400 }, (_, i) => `card-${String(i).padStart(3, '0')}.md`)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const taken: string[] = []
    let taking = 0
    let overlapped = false
    const reading = readWithWorkers(pathToFileURL(fake), 2, scratch.path, [...paths], async (files) => {
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
    expect(result.scanned).toHaveLength(cardFilesIn(folder).length)
    expect(result.errors).toEqual([])
  })

  it('still reads every file when a worker dies', async () => {
    const broken = join(scratch.path, 'broken-worker.mjs')
    await writeFile(broken, "throw new Error('worker failed to start')\n")
    const folder = sharedCards('real/covid-api')
    const result = await scanFolder(folder, { workers: 2, workerScript: pathToFileURL(broken) })
    expect(result.scanned).toHaveLength(cardFilesIn(folder).length)
    expect(result.errors).toEqual([])
  })
})
