// Search keystrokes on a synced folder, each key timed from the page as the bench times it (key -> the list
// answering it), in a persistent Chromium profile. A figure, not a test:
//   node scripts/measure-search.mjs FOLDER [--keep DIR] [--rounds N] [--profile FILE.cpuprofile] [--trace FILE.json]
// --keep reuses DIR's host data, browser profile and port between runs, so a 100k folder syncs once and later
// runs time the search after a restart. --profile and --trace cover the typing only (a trace is summed by
// scripts/bench/trace-tasks.mjs). SETTLE_MS (default 2000) is the wait between Ready and the first key.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startServe } from './serve-child.mjs'
import { startTrace } from './bench/chrome-trace.mjs'
import { cpuSecondsOf } from './bench/chromium-cpu.mjs'
import { CHROMIUM, CHROMIUM_ARGS, PROBE, SEARCH_WORDS, timeSearch } from './bench/browser-rows.mjs'

const args = process.argv.slice(2)
const option = (name) => {
  const at = args.indexOf(name)
  return at === -1 ? null : args.splice(at, 2)[1]
}
const keep = option('--keep')
const profilePath = option('--profile')
const tracePath = option('--trace')
const rounds = Number(option('--rounds') ?? 1)
const folder = resolve(args[0] ?? '../shared/cards/related-heavy')
const root = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), 'tidings-search-'))
mkdirSync(root, { recursive: true })

// The page's IndexedDB belongs to its origin: a kept profile is only found again on the same port.
const portFile = join(root, 'port')
const host = await startServe({ folder, dataDir: join(root, 'data'), port: existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0, timeoutMs: 60_000 })
writeFileSync(portFile, String(host.port))
let context
try {
  context = await chromium.launchPersistentContext(join(root, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 } })
  await context.addInitScript({ path: PROBE })
  const page = context.pages()[0] ?? (await context.newPage())
  const started = Date.now()
  await page.goto(host.url, { waitUntil: 'commit' })
  const status = page.getByRole('status', { name: 'Library status' })
  // What the bar says on the way to Ready, every 10 s (a restart of a big folder shows its phases).
  const watch = setInterval(() => status.textContent().then((text) => console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${text}`), () => {}), 10_000)
  await status.getByText('Ready').waitFor({ timeout: 600_000 })
  clearInterval(watch)
  console.log(`ready after ${Date.now() - started} ms`)
  // After the row pages' save that follows a sync (up to 30 s at 100k): keystrokes, not that save, are timed.
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 2000))

  const profiler = profilePath ? await context.newCDPSession(page) : null
  if (profiler) await profiler.send('Profiler.enable').then(() => profiler.send('Profiler.setSamplingInterval', { interval: 500 })).then(() => profiler.send('Profiler.start'))
  const endTrace = tracePath ? await startTrace(page) : null
  const all = []
  for (let round = 0; round < rounds; round++) {
    for (const word of SEARCH_WORDS) {
      const { values: samples } = await timeSearch(page, [word])
      all.push(...samples)
      console.log(`${word}: ${samples.map((value) => Math.round(value)).join(' ')}`)
    }
  }
  if (endTrace) await endTrace(resolve(tracePath))
  if (profiler) writeFileSync(resolve(profilePath), JSON.stringify((await profiler.send('Profiler.stop')).profile))
  // A host still busy (a re-open scan, image caching) shares the two cores with the page.
  console.log(`host CPU since it started: ${cpuSecondsOf(host.pid).toFixed(1)} s`)
  const sorted = all.filter(Number.isFinite).sort((a, b) => a - b)
  const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))])
  console.log(`keys: ${sorted.length}, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`)
  console.log(`renderer JS heap: ${Math.round((await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 1e6)} MB`)
} finally {
  await context?.close()
  await host.stop()
}
if (!keep) await rm(root, { recursive: true, force: true })
