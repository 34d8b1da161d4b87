#!/usr/bin/env node
/* global window -- page functions run in Chromium */
// How fast a fresh sync saves cards into the page's IndexedDB, and where the time goes (a figure, not a test):
//   node scripts/measure-save-rate.mjs [FOLDER] [--cards N] [--limit-s S] [--profile FILE.cpuprofile] [--trace FILE.json]
// FOLDER defaults to the bench's cached 10k real-shaped folder. With --cards N the newest N card files are
// hard-linked into a folder under /tmp first (never changed, removed at the end). `tidings serve` (the build)
// and Debian's Chromium in a fresh persistent profile (as a user's browser keeps IndexedDB) sync it; the
// script prints the saved cards/s, when the host's last batch reached the page, the page's main-thread busy
// time and long tasks, and the CPU each process (host, renderer, Chromium's storage and browser processes)
// spent, so the bound shows: the page's thread, IndexedDB's backend, or a host that makes the page wait.
// --profile writes the page's CPU profile and prints its heaviest functions (self time); --trace a Chrome trace
// (scripts/bench/trace-tasks.mjs sums it; ~30 MB per 1,000 cards, so pair it with --cards). --limit-s (default 480)
// ends a sync that is not saved by then and reports how far it got (a 100k folder within a measuring slot).
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from '@playwright/test'
import { startServe } from './serve-child.mjs'
import { listCards } from './bench/card-cache.mjs'
import { startTrace } from './bench/chrome-trace.mjs'
import { cpuSecondsOf } from './bench/chromium-cpu.mjs'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { cards: { type: 'string' }, profile: { type: 'string' }, trace: { type: 'string' }, 'limit-s': { type: 'string' } } })
const source = resolve(positionals[0] ?? join(homedir(), '.cache', 'tidings-bench', 'real-10000-seed1-05cc4911a5'))
const root = mkdtempSync(join(tmpdir(), 'tidings-save-rate-'))

function sliceOf(dir, count) {
  const newest = listCards(dir).sort((a, b) => b.split('/').pop().localeCompare(a.split('/').pop())).slice(0, count)
  const slice = join(root, 'cards')
  for (const rel of newest) {
    mkdirSync(dirname(join(slice, rel)), { recursive: true })
    linkSync(join(dir, rel), join(slice, rel))
  }
  return slice
}

/** The Chromium processes of this profile (its browser process and every descendant) by role, with their CPU seconds. */
function chromiumCpu(profile) {
  const parentOf = new Map()
  const argsOf = new Map()
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      parentOf.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1])
      // Chromium's children rewrite their command line as one space-separated string.
      argsOf.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/))
    } catch {
      // Gone meanwhile.
    }
  }
  const browser = [...argsOf].find(([, args]) => args.includes(`--user-data-dir=${profile}`) && !args.some((arg) => arg.startsWith('--type=')))?.[0]
  const inTree = (pid) => {
    for (let at = pid; at && at !== '0' && at !== '1'; at = parentOf.get(at)) if (at === browser) return true
    return false
  }
  const byRole = {}
  for (const [pid, args] of argsOf) {
    if (!browser || !inTree(pid)) continue
    const type = args.find((arg) => arg.startsWith('--type='))?.slice(7) ?? 'browser'
    const service = args.find((arg) => arg.startsWith('--utility-sub-type='))?.slice(19)
    const role = service ? `${type}:${service.split('.').slice(-2).join('.')}` : type
    byRole[role] = (byRole[role] ?? 0) + (cpuSecondsOf(pid) || 0)
  }
  return byRole
}

const folder = values.cards ? sliceOf(source, Number(values.cards)) : source
const files = listCards(folder).length
const profile = join(root, 'profile')
const host = await startServe({ folder, dataDir: join(root, 'data'), timeoutMs: 30_000 })
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  viewport: { width: 1400, height: 900 }
})
try {
  await context.addInitScript({ path: join(import.meta.dirname, 'bench', 'page-probe.js') })
  await context.addInitScript(() => {
    window.__longTasks = []
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.__longTasks.push(Math.round(entry.duration)))).observe({ type: 'longtask', buffered: true })
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  if (values.profile) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 })
    await cdp.send('Profiler.start')
  }
  const hostCpuBefore = cpuSecondsOf(host.pid)
  // The page's JS heap over the sync (V8's used size, as the bench's heap row reads it), sampled from outside.
  const heap = { peak: 0, samples: [] }
  const startedAt = Date.now()
  const heapSampler = setInterval(() => {
    cdp.send('Performance.getMetrics').then(
      ({ metrics }) => {
        const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0
        heap.peak = Math.max(heap.peak, used)
        heap.samples.push({ at: (Date.now() - startedAt) / 1000, mb: used / 1e6 })
      },
      () => undefined
    )
  }, 1000)
  const endTrace = values.trace ? await startTrace(page) : null
  await page.goto(host.url, { waitUntil: 'commit' })
  // The status bar's "Saved for offline N of M" as the page shows it, sampled in the page (an IndexedDB count
  // from outside would wait behind the sync's writes), until it says Ready.
  const limitMs = Number(values['limit-s'] ?? 480) * 1000
  const readyAt = await page
    .waitForFunction(() => window.__benchProbe?.savedAt, undefined, { timeout: limitMs, polling: 250 })
    .then((ready) => ready.jsonValue())
    .catch(() => null)
  clearInterval(heapSampler)
  const samples = await page.evaluate(() => window.__benchProbe.savedSamples)
  const final = await page.evaluate(() => window.__benchProbe.storedCounts())
  // Not saved within the limit: the figures are those of the sync so far.
  const allAt = readyAt ?? (await page.evaluate(() => performance.now()))
  if (readyAt === null) console.log(`not saved within ${limitMs / 1000} s: the figures below are as far as it got`)
  // Batch events as the page received them (the page marks each: tidings:batch, its size in detail.bytes).
  const batches = await page.evaluate(() => {
    const marks = performance.getEntriesByName('tidings:batch')
    return { first: marks[0]?.startTime ?? null, last: marks.at(-1)?.startTime ?? null, count: marks.length, bytes: marks.reduce((sum, mark) => sum + (mark.detail?.bytes ?? 0), 0) }
  })
  const longTasks = await page.evaluate(() => window.__longTasks)
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]))
  const hostCpu = cpuSecondsOf(host.pid) - hostCpuBefore
  if (Number.isNaN(hostCpu)) console.log(`the host exited before the end; its last output:\n${host.output.slice(-20).join('\n')}`)
  const status = await page.textContent('[role="status"][aria-label="Library status"]')
  if (!/Saved for offline/.test(status ?? '') || final.cards < files * 0.9) console.log(`status at the end: ${status}`)
  const processes = chromiumCpu(profile)
  const savingS = (allAt - batches.first) / 1000
  const round = (value, digits = 1) => Number(value.toFixed(digits))
  console.log(`folder: ${folder} (${files} files); load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end`)
  console.log(`stored: ${final.cards} cards, ${final.cardDetails} details, ${final.related} related rows`)
  console.log(`batches: ${batches.count} (${round(batches.bytes / 1e6)} MB), first at ${Math.round(batches.first)} ms, last at ${Math.round(batches.last)} ms (page clock)`)
  console.log(`${readyAt === null ? 'cards in IndexedDB so far' : 'every card in IndexedDB'} at ${Math.round(allAt)} ms: ${round(savingS)} s after the first batch, ${Math.round(final.cards / savingS)} cards/s`)
  console.log(`page main thread: tasks ${round(metrics.TaskDuration)} s, script ${round(metrics.ScriptDuration)} s, layout ${round(metrics.LayoutDuration)} s, of ${round(allAt / 1000)} s`)
  console.log(`long tasks: ${longTasks.length}, longest ${Math.max(0, ...longTasks)} ms, total ${longTasks.reduce((a, b) => a + b, 0)} ms`)
  const heapAt = (fraction) => heap.samples[Math.min(heap.samples.length - 1, Math.floor(fraction * heap.samples.length))]?.mb ?? 0
  console.log(`page JS heap: peak ${Math.round(heap.peak / 1e6)} MB; at 25/50/75/100% of the sync ${[0.25, 0.5, 0.75, 1].map((f) => Math.round(heapAt(f))).join(' / ')} MB`)
  console.log(`CPU s: host ${round(hostCpu)}, ${Object.entries(processes).map(([role, seconds]) => `${role} ${round(seconds)}`).join(', ')}`)
  for (const [index, sample] of samples.entries()) {
    if (index % 20 === 0 || index === samples.length - 1) console.log(`  at ${(sample.at / 1000).toFixed(1)} s: saved ${sample.done} of ${sample.total}`)
  }
  if (endTrace) await endTrace(resolve(values.trace))
  if (values.profile) {
    const { profile: cpuProfile } = await cdp.send('Profiler.stop')
    writeFileSync(values.profile, JSON.stringify(cpuProfile))
    printHeaviest(cpuProfile)
  }
} finally {
  await context.close()
  await host.stop()
  rmSync(root, { recursive: true, force: true })
}

/** The functions with the most self time in a CPU profile. */
function printHeaviest(cpuProfile) {
  const byNode = new Map(cpuProfile.nodes.map((node) => [node.id, node]))
  const self = new Map()
  for (const [index, id] of cpuProfile.samples.entries()) {
    const { functionName, url, lineNumber } = byNode.get(id).callFrame
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`
    self.set(name, (self.get(name) ?? 0) + (cpuProfile.timeDeltas[index] ?? 0) / 1000)
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  console.log(`page CPU profile: ${Math.round(total)} ms sampled; heaviest self time:`)
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${Math.round(ms)} ms ${((100 * ms) / total).toFixed(1)}% ${name}`)
}
