// One measurement per process, so each starts with a clean heap and reports its
// own peak RSS. Run by scripts/bench.mjs; prints one JSON line on stdout.
//   node core-child.mjs scan DIR [OUT]      cold scan as the app does it (streamFolder), manifest written to OUT
//   node core-child.mjs collect DIR         cold scan returning every card at once (scanFolder, the CLI's)
//   node core-child.mjs reopen DIR MANIFEST streamFolder with that manifest (nothing changed since)
//   node core-child.mjs live DIR REWRITES fresh sync + watcher, a re-open, and timed rewrites
//   node core-child.mjs naive DIR         the naive loop: read each file, matter(text), one thread
//   node core-child.mjs cli DIR           `tidings scan DIR --json` (the built CLI) into /dev/null: time, CPU and peak RSS
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequire } from 'node:module'
import { processCpuMs } from './measure.mjs'
import { listCards } from './card-cache.mjs'

const [mode, dir, countArg] = process.argv.slice(2)
// TIDINGS_BENCH_ENTRY times another build (an experiment) against the same folders.
const CLI = join(import.meta.dirname, '../../out/main/cli.js')
const benchEntry = pathToFileURL(process.env.TIDINGS_BENCH_ENTRY ?? join(import.meta.dirname, '../../out/main/bench.js')).href

/** Peak resident set of this process (all threads), in MB. */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024

// The app's cold scan: chunks of cards handed over as they are read; the taker
// keeps what the app's library keeps of each file (its manifest entry) and lets
// the cards go.
async function coldScan() {
  const { streamFolder } = await import(benchEntry)
  const index = new Map()
  let cards = 0
  let errors = 0
  // Related items of one file per story: the rows IndexedDB should end up holding.
  const relatedById = new Map()
  const cpuBefore = processCpuMs()
  const started = performance.now()
  const summary = await streamFolder(dir, {
    workers: 'auto',
    onFiles: (files) => {
      for (const file of files) {
        if (file.card) {
          cards++
          relatedById.set(file.card.id, file.card.related.length)
        } else errors++
        index.set(file.path, { path: file.path, size: file.size, mtimeMs: file.mtimeMs, id: file.card?.id ?? null, publishedAtMs: file.card?.publishedAtMs ?? null })
      }
    }
  })
  const ms = performance.now() - started
  const cpuMs = processCpuMs() - cpuBefore
  if (countArg) writeFileSync(countArg, JSON.stringify([...index.values()]))
  let relatedItems = 0
  for (const count of relatedById.values()) relatedItems += count
  return { ms, cpuMs, files: summary.read, cards, stories: relatedById.size, relatedItems, errors, peakRssMb: peakRssMb() }
}

async function collect() {
  const { scanFolder } = await import(benchEntry)
  const cpuBefore = processCpuMs()
  const started = performance.now()
  const result = await scanFolder(dir, { workers: 'auto' })
  const ms = performance.now() - started
  return { ms, cpuMs: processCpuMs() - cpuBefore, files: result.scanned.length, cards: result.cards.length, peakRssMb: peakRssMb() }
}

async function reopen() {
  const { streamFolder } = await import(benchEntry)
  const known = new Map(JSON.parse(readFileSync(countArg, 'utf8')).map((entry) => [entry.path, entry]))
  const started = performance.now()
  const summary = await streamFolder(dir, { workers: 'auto', known, onFiles: () => undefined })
  const ms = performance.now() - started
  if (summary.read !== 0) throw new Error(`re-open read ${summary.read} files although nothing changed`)
  return { ms, unchanged: summary.unchanged.length, peakRssMb: peakRssMb() }
}

// The main side as the app runs it: a LiveFolder syncs the folder from an empty
// manifest (a first open), watches it, and is then timed on single-card rewrites.
async function live() {
  const { LiveFolder } = await import(benchEntry)
  const listeners = new Set()
  const emit = (event) => {
    for (const listener of listeners) listener(event)
  }
  let upserted = 0
  let batches = 0
  listeners.add((event) => {
    if (event.type === 'batch') {
      batches++
      upserted += event.batch.upsert.length
    }
  })
  const folder = new LiveFolder({ folder: dir, emit })
  await folder.start()
  const syncStarted = performance.now()
  const synced = await folder.sync([])
  const syncMs = performance.now() - syncStarted
  await folder.settled()

  // A second LiveFolder re-opening with the first one's manifest: the app's warm start.
  const reopened = new LiveFolder({ folder: dir, emit: () => undefined })
  const reopenStarted = performance.now()
  const again = await reopened.sync(folder.manifest())
  const reopenMs = performance.now() - reopenStarted
  await reopened.close()

  const paths = listCards(dir)
  const rewrites = []
  const originals = new Map()
  for (let i = 0; i < Number(countArg ?? 10); i++) {
    const path = paths[Math.floor(((i + 1) * paths.length) / (Number(countArg ?? 10) + 1))]
    const full = join(dir, path)
    const original = readFileSync(full, 'utf8')
    if (!originals.has(full)) originals.set(full, original)
    const text = original.replace(/\nheat: -?\d+/, `\nheat: ${1000 + i}`)
    const seen = new Promise((resolve) => {
      const listener = (event) => {
        if (event.type === 'batch' && event.batch.upsert.some((card) => card.path === path || card.aliases.includes(path))) {
          listeners.delete(listener)
          resolve(performance.now())
        }
      }
      listeners.add(listener)
    })
    const written = performance.now()
    writeFileSync(full, text)
    const arrived = await Promise.race([seen, delay(10_000).then(() => NaN)])
    rewrites.push(arrived - written)
    await folder.settled()
    await delay(100)
  }
  await folder.close()
  // The folder may be the bench's cache: leave it as it was found.
  for (const [full, text] of originals) writeFileSync(full, text)
  return {
    syncMs,
    cards: synced.cards,
    files: synced.files,
    batches,
    upserted,
    reopenMs,
    reopenParsed: again.parsed,
    rewrites,
    peakRssMb: peakRssMb()
  }
}

// The CLI as a user runs it, its lines thrown away. GNU time reports the child's
// own peak RSS (this process's would include the bench child itself).
function cli() {
  const started = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, CLI, 'scan', dir, '--json'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`tidings scan --json exited ${run.status ?? run.signal}: ${run.stderr.slice(-1000)}`)
  const [maxRssKb, user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number)
  return { ms, cpuMs: (user + system) * 1000, peakRssMb: maxRssKb / 1024 }
}

function naive() {
  const require = createRequire(import.meta.url)
  const matter = require('gray-matter')
  const cpuBefore = processCpuMs()
  const started = performance.now()
  let cards = 0
  let errors = 0
  for (const path of listCards(dir)) {
    try {
      if (matter(readFileSync(join(dir, path), 'utf8')).data) cards++
    } catch {
      errors++
    }
    // gray-matter keeps every text it parsed, keyed by the text: at 100k real cards (~2 GB) the loop ran out of
    // heap before it finished. The loop times the parse, so neither that cache nor the results are kept.
    matter.clearCache()
  }
  return { ms: performance.now() - started, cpuMs: processCpuMs() - cpuBefore, cards, errors, peakRssMb: peakRssMb() }
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const modes = { scan: coldScan, collect, reopen, live, naive, cli }
if (!modes[mode] || !dir) {
  process.stderr.write('usage: core-child.mjs scan|collect|reopen|live|naive|cli DIR [ARG]\n')
  process.exit(2)
}
const result = await modes[mode]()
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
