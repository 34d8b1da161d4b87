/* global window, document -- page functions run in Chromium */
// The page while a big folder syncs: facet clicks, search keystrokes and opens
// timed round after round while rows stream in, then again once every row is
// held (IndexedDB may still be saving), with the JS heap after a GC.
//   node scripts/measure-page-sync.mjs FOLDER [--seconds N] [--profile FILE.cpuprofile] [--trace FILE.json] [--heap-snapshot FILE] [--during-only]
// FOLDER is only read. `--profile` and `--trace` (a Chrome trace: the long tasks and what ran in each; ~100 MB
// a minute, so pair it with a short --seconds) cover the timed window during the sync; `--heap-snapshot` is
// taken once every row is held. Prints one JSON line at the end.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startServe } from './serve-child.mjs'
import { startTrace } from './bench/chrome-trace.mjs'
import { CHROMIUM, CHROMIUM_ARGS, PROBE, SEARCH_WORDS, heapAfterGc, timeFacets, timeOpens, timeSearch } from './bench/browser-rows.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : args.splice(at, 2)[1]
}
const seconds = Number(option('--seconds', '90'))
const profilePath = option('--profile', null)
const snapshotPath = option('--heap-snapshot', null)
const tracePath = option('--trace', null)
const duringOnly = args.includes('--during-only') && args.splice(args.indexOf('--during-only'), 1).length > 0
const folder = resolve(args[0] ?? '/tmp/slice-30k')
const root = await mkdtemp(join(tmpdir(), 'tidings-page-sync-'))
const host = await startServe({ folder, dataDir: join(root, 'data'), timeoutMs: 60_000 })
const context = await chromium.launchPersistentContext(join(root, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 } })
const log = (line) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`)
try {
  await context.addInitScript({ path: PROBE })
  await context.addInitScript(() => {
    window.longTasks = []
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]))).observe({ type: 'longtask', buffered: true })
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const started = Date.now()
  await page.goto(host.url, { waitUntil: 'commit' })
  await page.waitForFunction(() => window.__benchProbe.firstRowAt, undefined, { timeout: 120_000, polling: 50 })
  log(`first rows after ${Date.now() - started} ms`)
  const status = page.getByRole('status', { name: 'Library status' })
  // "Indexed N of M" while rows arrive: N is the rows held.
  const indexed = async () => {
    const text = ((await status.textContent()) ?? '').replace(/[,\u202f\u00a0]/g, '')
    const match = text.match(/Indexed (\d+) of (\d+)/)
    if (match) return { done: Number(match[1]), total: Number(match[2]) }
    // Before the host has counted the folder (or between its phases) rows may still be arriving: only "Ready" ends the sync.
    const cards = text.match(/(\d+) cards?/)
    return /Ready/.test(text) ? null : { done: cards ? Number(cards[1]) : NaN, total: NaN }
  }
  const profiler = profilePath ? await context.newCDPSession(page) : null
  if (profiler) {
    await profiler.send('Profiler.enable')
    await profiler.send('Profiler.setSamplingInterval', { interval: 500 })
    await profiler.send('Profiler.start')
  }
  const stopTrace = tracePath ? await startTrace(page) : null
  const during = { facet: [], search: [], open: [] }
  const rounds = []
  const deadline = Date.now() + seconds * 1000
  let round = 0
  while (Date.now() < deadline) {
    const progress = await indexed()
    if (progress === null) break
    const facet = await timeFacets(page, 1)
    const search = await timeSearch(page, [SEARCH_WORDS[round % SEARCH_WORDS.length]])
    const open = await timeOpens(page, 4, 300)
    rounds.push({ rows: progress.done, facetP95: facet.p95, searchP95: search.p95, openP95: open.p95 })
    log(`rows ${progress.done} of ${progress.total}: facet p50/p95 ${facet.p50 | 0}/${facet.p95 | 0}, search ${search.p50 | 0}/${search.p95 | 0}, open ${open.p50 | 0}/${open.p95 | 0}`)
    collect(during, { facet, search, open })
    round++
  }
  if (profiler) await writeFile(profilePath, JSON.stringify((await profiler.send('Profiler.stop')).profile))
  if (stopTrace) await stopTrace(tracePath)
  const longDuring = await page.evaluate(() => window.longTasks.splice(0))
  const summary = { folder, rounds, during: summarize(during), longTasksDuring: taskSummary(longDuring) }
  const result = duringOnly ? summary : { ...summary, ...(await measureHeld(page, started)) }
  console.log(JSON.stringify(result))
  if (snapshotPath && !duringOnly) await heapSnapshot(page, snapshotPath)
} finally {
  await context.close()
  await host.stop()
  await rm(root, { recursive: true, force: true })
}

/** Once every row is held (IndexedDB may still be saving): the JS heap after a GC, then clicks, keys and opens. */
async function measureHeld(page, started) {
  await page.waitForFunction(() => !/Indexed|Looking for changes|Loading cards|Starting/.test(document.querySelector('[role="status"][aria-label="Library status"]')?.textContent ?? ''), undefined, { timeout: 600_000, polling: 250 })
  log(`every row held after ${Date.now() - started} ms`)
  const heldHeapMb = await heapAfterGc(page)
  log(`JS heap ${Math.round(heldHeapMb)} MB after GC, rows held`)
  const held = {}
  collect(held, { facet: await timeFacets(page, 2), search: await timeSearch(page, SEARCH_WORDS.slice(0, 3)), open: await timeOpens(page, 12, 200) })
  const longHeld = await page.evaluate(() => window.longTasks.splice(0))
  return { held: summarize(held), heldHeapMb: Math.round(heldHeapMb), longTasksHeld: taskSummary(longHeld) }
}

function collect(into, results) {
  for (const [name, result] of Object.entries(results)) (into[name] ??= []).push(...(result.values ?? [result.p50, result.p95]))
}

function summarize(groups) {
  const q = (values, at) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
    return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(at * sorted.length))]) : NaN
  }
  return Object.fromEntries(Object.entries(groups).map(([name, values]) => [name, { p50: q(values, 0.5), p95: q(values, 0.95), n: values.length, lost: values.filter((v) => !Number.isFinite(v)).length }]))
}

function taskSummary(tasks) {
  const durations = tasks.map(([, duration]) => duration)
  return { count: durations.length, longest: Math.max(0, ...durations), totalMs: durations.reduce((a, b) => a + b, 0) }
}

async function heapSnapshot(page, path) {
  const cdp = await page.context().newCDPSession(page)
  const out = createWriteStream(path)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => out.write(chunk))
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  await new Promise((done) => out.end(done))
  await cdp.detach()
  log(`heap snapshot in ${path}`)
}
