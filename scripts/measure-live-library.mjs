#!/usr/bin/env node
// Figures for the live library (not a test; the numbers go in the report):
//   node scripts/measure-live-library.mjs burst [N]            how long an N-file burst (default 10,000) takes to settle
//   node scripts/measure-live-library.mjs memory [N] [layout]  watcher memory at N files (default 100,000; layout flat|nested)
//   node scripts/measure-live-library.mjs cold DIR              a first open of DIR: first batch, full sync, peak RSS; then a warm
//                                                              re-open in a process of its own, with its own peak RSS
//                                                              (uses the built core, out/main/bench.js or TIDINGS_BENCH_ENTRY, for its scan workers)
// Runs the TypeScript sources through jiti, so no build is needed. Each memory
// figure comes from its own process, started with --expose-gc.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs'
import { writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createJiti } from 'jiti'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const jiti = createJiti(import.meta.url)
const load = (path) => jiti.import(join(root, path))
const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function card(i) {
  const day = String((i % 28) + 1).padStart(2, '0')
  return [
    '---',
    `title: "Burst card ${i}"`,
    `excerpt: "Card number ${i} of a burst."`,
    `publishedDateTime: 2024-05-${day}T10:00:00Z`,
    `webUrl: "https://news.example.com/burst/${i}"`,
    'type: article',
    'quality: 40',
    'heat: -1',
    'provider:',
    '  name: Example News',
    '  domain: news.example.com',
    'topics:',
    '  - Testing',
    'related:',
    `  - title: "Coverage of ${i}"`,
    `    webUrl: "https://other.example.org/${i}"`,
    '---',
    ''
  ].join('\n')
}

async function inLanes(count, lanes, task) {
  let next = 0
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < count) await task(next++)
  }))
}

async function burst(count) {
  const { LiveFolder } = await load('src/main/core/watch/live-folder.ts')
  const folder = mkdtempSync(join(tmpdir(), 'tidings-burst-'))
  const cards = new Set()
  let batches = 0
  let lastBatchAt = 0
  const live = new LiveFolder({
    folder,
    emit: (event) => {
      if (event.type !== 'batch') return
      batches++
      lastBatchAt = performance.now()
      for (const id of event.batch.remove) cards.delete(id)
      for (const c of event.batch.upsert) cards.add(c.id)
    }
  })
  await live.start()
  await live.sync([])

  const settle = async (expected, started) => {
    while (cards.size !== expected) await sleep(5)
    await live.settled()
    return { settledMs: Math.round(lastBatchAt - started), batches }
  }

  let started = performance.now()
  await inLanes(count, 32, (i) => writeFile(join(folder, `card-${i}.md`), card(i)))
  const writtenMs = Math.round(performance.now() - started)
  const added = { writtenMs, ...(await settle(count, started)) }

  batches = 0
  started = performance.now()
  await inLanes(count, 32, (i) => writeFile(join(folder, `card-${i}.md`), card(i).replace('quality: 40', 'quality: 41')))
  const rewrittenMs = Math.round(performance.now() - started)
  // A rewrite keeps the count, so wait for the batches to stop instead.
  while (performance.now() - lastBatchAt < 1500 || lastBatchAt < started) await sleep(50)
  await live.settled()
  const rewritten = { writtenMs: rewrittenMs, settledMs: Math.round(lastBatchAt - started), batches }

  batches = 0
  started = performance.now()
  await inLanes(count, 32, (i) => rm(join(folder, `card-${i}.md`)))
  const deletedMs = Math.round(performance.now() - started)
  const deleted = { writtenMs: deletedMs, ...(await settle(0, started)) }

  await live.close()
  rmSync(folder, { recursive: true, force: true })
  console.log(JSON.stringify({ files: count, added, rewritten, deleted }, null, 2))
}

function generate(count, layout) {
  const folder = mkdtempSync(join(tmpdir(), `tidings-${count}-${layout}-`))
  const perFolder = layout === 'nested' ? 1000 : count
  for (let i = 0; i < count; i++) {
    const sub = layout === 'nested' ? join(folder, `d${Math.floor(i / perFolder)}`) : folder
    if (i % perFolder === 0) mkdirSync(sub, { recursive: true })
    writeFileSync(join(sub, `2024-01-01-card-${i}.md`), `---\ntitle: "card ${i}"\nwebUrl: "https://news.example.com/${i}"\npublishedDateTime: 2024-01-01T00:00:00Z\n---\n`)
  }
  return folder
}

function memory(count, layout) {
  const folder = generate(count, layout)
  try {
    const rows = []
    for (const kind of ['tidings-watcher', 'tidings-live', 'chokidar', 'node-recursive']) {
      const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'memory-child', kind, folder], { encoding: 'utf8', maxBuffer: 1 << 24 })
      if (child.status !== 0) {
        rows.push({ kind, error: child.stderr.trim().split('\n').slice(-3).join(' ') })
        continue
      }
      rows.push(JSON.parse(child.stdout.trim().split('\n').at(-1)))
    }
    console.log(JSON.stringify({ files: count, layout, rows }, null, 2))
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

async function memoryChild(kind, folder) {
  // Load everything first, so the delta is the watcher's own.
  const { FolderWatcher } = await load('src/main/core/watch/folder-watcher.ts')
  const { LiveFolder } = await load('src/main/core/watch/live-folder.ts')
  const { scanFolder } = await load('src/main/core/scan/scan.ts')
  const chokidar = (await import('chokidar')).default
  let manifest = []
  if (kind === 'tidings-live') {
    // The warm start the app does: the renderer's manifest in, nothing re-read.
    const scan = await scanFolder(folder, { workers: 0 })
    manifest = scan.scanned.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs, id: f.card?.id ?? null, publishedAtMs: f.card?.publishedAtMs ?? null }))
  }
  globalThis.gc()
  const before = process.memoryUsage()
  const started = performance.now()
  let close
  if (kind === 'tidings-watcher') {
    const watcher = new FolderWatcher({ root: folder, onChanges: () => undefined, onError: () => undefined })
    await watcher.start()
    close = () => watcher.close()
  } else if (kind === 'tidings-live') {
    const live = new LiveFolder({ folder, emit: () => undefined })
    await live.start()
    const result = await live.sync(manifest)
    if (result.parsed !== 0) throw new Error(`warm sync parsed ${result.parsed} files`)
    manifest = null
    close = () => live.close()
  } else if (kind === 'chokidar') {
    const watcher = chokidar.watch(folder, { ignoreInitial: true })
    await new Promise((resolve) => watcher.on('ready', resolve))
    close = () => watcher.close()
  } else {
    const watcher = watch(folder, { recursive: true }, () => undefined)
    // Node builds its recursive watch in the background; give it time to finish.
    await sleep(5000)
    close = () => watcher.close()
  }
  const readyMs = Math.round(performance.now() - started)
  globalThis.gc()
  const after = process.memoryUsage()
  await close()
  console.log(JSON.stringify({ kind, readyMs, rssDeltaMb: mb(after.rss - before.rss), heapDeltaMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss) }))
  process.exit(0)
}

const benchEntry = () => pathToFileURL(process.env.TIDINGS_BENCH_ENTRY ?? join(root, 'out/main/bench.js')).href
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

/** The app's events as the browser host sends them: each one serialised once. */
function serialisingEmit(onEvent = () => undefined) {
  return (event) => {
    JSON.stringify(event)
    onEvent(event)
  }
}

async function cold(dir) {
  const { LiveFolder } = await import(benchEntry())
  let firstBatchMs = null
  let batches = 0
  const started = performance.now()
  const live = new LiveFolder({
    folder: dir,
    emit: serialisingEmit((event) => {
      if (event.type !== 'batch') return
      batches++
      firstBatchMs ??= Math.round(performance.now() - started)
    })
  })
  await live.start()
  const synced = await live.sync([])
  const syncMs = Math.round(performance.now() - started)
  const manifestFile = join(mkdtempSync(join(tmpdir(), 'tidings-manifest-')), 'manifest.json')
  writeFileSync(manifestFile, JSON.stringify(live.manifest()))
  await live.close()
  const coldPeakRssMb = peakRssMb()

  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'warm', dir, manifestFile], { encoding: 'utf8', maxBuffer: 1 << 24 })
  rmSync(dirname(manifestFile), { recursive: true, force: true })
  if (child.status !== 0) throw new Error(`warm re-open failed: ${child.stderr}`)
  const warm = JSON.parse(child.stdout.trim().split('\n').at(-1))
  console.log(JSON.stringify({ folder: dir, cards: synced.cards, files: synced.files, firstBatchMs, syncMs, batches, coldPeakRssMb, ...warm }, null, 2))
}

/** A warm re-open as the app does it: the renderer's manifest arrives as JSON, nothing is re-read. */
async function warm(dir, manifestFile) {
  const { LiveFolder } = await import(benchEntry())
  const started = performance.now()
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  const reopened = new LiveFolder({ folder: dir, emit: serialisingEmit() })
  await reopened.start()
  const again = await reopened.sync(manifest)
  const reopenMs = Math.round(performance.now() - started)
  await reopened.close()
  console.log(JSON.stringify({ reopenMs, reopenParsed: again.parsed, warmPeakRssMb: peakRssMb() }))
}

const [mode, ...args] = process.argv.slice(2)
if (mode === 'cold') await cold(args[0])
else if (mode === 'warm') await warm(args[0], args[1])
else if (mode === 'burst') await burst(Number(args[0] ?? 10_000))
else if (mode === 'memory') memory(Number(args[0] ?? 100_000), args[1] ?? 'flat')
else if (mode === 'memory-child') await memoryChild(args[0], args[1])
else {
  console.error('usage: measure-live-library.mjs burst [N] | memory [N] [flat|nested] | cold DIR')
  process.exitCode = 1
}
