/* global window, document, MutationObserver -- page functions run in Chromium */
// First rows (navigation -> the first card row in the DOM), fresh and on a restart with the cards in
// IndexedDB, in a persistent Chromium profile as the bench takes them, with the page's startup timeline:
// the document, each script, each host call, the page's `tidings:` performance marks, the first batch.
//   node scripts/measure-first-rows.mjs [FOLDER] [--runs N] [--fresh-only]
// FOLDER defaults to the bench's cached 10k real-shaped folder; it is only read. Run it under
// `flock /tmp/tidings-measure.lock` on a shared machine.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startServe } from './serve-child.mjs'

const args = process.argv.slice(2)
const option = (name) => {
  const at = args.indexOf(name)
  return at === -1 ? null : args.splice(at, 2)[1]
}
const runs = Number(option('--runs') ?? 3)
const freshOnly = args.includes('--fresh-only') && args.splice(args.indexOf('--fresh-only'), 1)
const cache = join(homedir(), '.cache', 'tidings-bench')
const folder = resolve(args[0] ?? join(cache, readdirSync(cache).find((name) => name.startsWith('real-10000-') && !name.endsWith('.json'))))
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const work = mkdtempSync(join(tmpdir(), 'tidings-first-rows-'))

function probe() {
  new MutationObserver((_changes, observer) => {
    if (!document.querySelector('[role="listbox"][aria-label="Cards"] [role="option"]')) return
    window.firstRowAt = performance.now()
    observer.disconnect()
  }).observe(document, { childList: true, subtree: true })
}

function timelineOf() {
  const at = (value) => Math.round(value)
  const navigation = performance.getEntriesByType('navigation')[0]
  const entries = [
    ['document', at(navigation.responseEnd)],
    ['domInteractive', at(navigation.domInteractive)],
    ...performance
      .getEntriesByType('resource')
      .filter((entry) => /\.(js|css)$|\/api\/call\/|\/api\/events/.test(entry.name))
      .map((entry) => [`${entry.name.split('/').pop().split('?')[0]} ${at(entry.startTime)}-`, at(entry.responseEnd || entry.startTime)]),
    ...performance.getEntriesByType('mark').filter((entry) => /^tidings:(?!batch$|events-open$)/.test(entry.name)).map((entry) => [entry.name, at(entry.startTime)]),
    ['events open', at(performance.getEntriesByName('tidings:events-open')[0]?.startTime ?? NaN)],
    ['first batch', at(performance.getEntriesByName('tidings:batch')[0]?.startTime ?? NaN)],
    ['first row', at(window.firstRowAt)]
  ]
  return entries.sort((a, b) => a[1] - b[1])
}

async function session({ dataDir, profile, port }, body) {
  const host = await startServe({ folder, dataDir, port, timeoutMs: 30_000 })
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 } })
  try {
    await context.addInitScript(probe)
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(host.url, { waitUntil: 'commit' })
    await page.waitForFunction(() => typeof window.firstRowAt === 'number', undefined, { timeout: 120_000, polling: 50 })
    // The row itself is what counts; let the calls and marks of the same moment land before reading them.
    await page.waitForTimeout(300)
    const timeline = await page.evaluate(timelineOf)
    const firstRow = timeline.find(([name]) => name === 'first row')[1]
    console.log(`  ${firstRow} ms: ${timeline.map(([name, ms]) => (name.endsWith('-') ? `${name}${ms}` : `${name} ${ms}`)).join(' | ')}`)
    await body?.(page)
    return { firstRow, port: host.port }
  } finally {
    await context.close()
    await host.stop()
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const fresh = []
let port = 0
const dataDir = join(work, 'data')
const profile = join(work, 'profile')
try {
  console.log(`folder ${folder}`)
  console.log('fresh:')
  for (let i = 0; i < runs; i++) {
    const last = i === runs - 1 && !freshOnly
    // The last fresh run keeps its profile and syncs the folder to the end, for the restarts.
    const result = await session({ dataDir: last ? dataDir : join(work, `data-${i}`), profile: last ? profile : join(work, `profile-${i}`), port: 0 }, async (page) => {
      if (!last) return
      const status = page.getByRole('status', { name: 'Library status' })
      const started = Date.now()
      await status.getByText('Ready').waitFor({ timeout: 600_000 })
      // The row pages are written behind the last writes once the folder is quiet.
      await page.waitForTimeout(5_000)
      console.log(`  synced in ${Math.round((Date.now() - started) / 1000)} s`)
    })
    fresh.push(result.firstRow)
    port = result.port
  }
  console.log(`fresh median ${median(fresh)} ms (${fresh.join(', ')})`)
  if (!freshOnly) {
    const restart = []
    console.log('restart:')
    for (let i = 0; i < runs; i++) restart.push((await session({ dataDir, profile, port })).firstRow)
    console.log(`restart median ${median(restart)} ms (${restart.join(', ')})`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
