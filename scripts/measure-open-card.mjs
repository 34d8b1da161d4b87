/* global window, document, requestAnimationFrame, MutationObserver -- page functions run in Chromium */
// Click -> card painted (title and every related item), during a fresh sync
// and after it, on a real folder in a persistent Chromium profile (as a
// user's browser and Electron keep IndexedDB). Also the page's long tasks.
//   node scripts/measure-open-card.mjs [FOLDER] [--copies N] [--profile FILE.cpuprofile] [--trace FILE.json]
// --trace writes a Chrome trace of the sync (navigation to "Ready"): each long task broken down, which
// scripts/bench/trace-tasks.mjs sums.
// FOLDER defaults to ../shared/cards/related-heavy; it is copied to /tmp
// first (with N extra copies of every card as other stories) and never changed.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startServe } from './serve-child.mjs'
import { startTrace } from './bench/chrome-trace.mjs'

const args = process.argv.slice(2)
const copiesAt = args.indexOf('--copies')
const copies = copiesAt === -1 ? 0 : Number(args.splice(copiesAt, 2)[1])
const profileAt = args.indexOf('--profile')
// A CPU profile of the page from navigation to "Ready" (open it in Chromium's DevTools, Performance panel).
const profilePath = profileAt === -1 ? null : resolve(args.splice(profileAt, 2)[1])
const traceAt = args.indexOf('--trace')
const tracePath = traceAt === -1 ? null : resolve(args.splice(traceAt, 2)[1])
const source = resolve(args[0] ?? '../shared/cards/related-heavy')
const root = await mkdtemp(join(tmpdir(), 'tidings-open-card-'))
const folder = join(root, 'cards')
await cp(source, folder, { recursive: true })
for (let n = 1; n <= copies; n++) {
  for (const name of await readdir(source)) {
    if (!name.endsWith('.md')) continue
    const text = await readFile(join(source, name), 'utf8')
    const copy = text
      .replace(/^(webUrl|originalUrl): "([^"?]*)(\?[^"]*)?"$/gm, (_l, field, url, query) => `${field}: "${url}${query ? `${query}&` : '?'}copy=${n}"`)
      .replace(/^title: "/m, `title: "Copy ${n} · `)
    await writeFile(join(folder, `copy${n}-${name}`), copy)
  }
}

const host = await startServe({ folder, dataDir: join(root, 'data') })
const { url } = host
const context = await chromium.launchPersistentContext(join(root, 'profile'), { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const page = context.pages()[0] ?? (await context.newPage())
page.on('console', (message) => message.type() === 'warning' && console.log(`  page: ${message.text()}`))
await page.addInitScript(() => {
  new MutationObserver((_changes, observer) => {
    if (!document.querySelector('[role="listbox"] [role="option"]')) return
    window.firstRowAt = performance.now()
    observer.disconnect()
  }).observe(document, { childList: true, subtree: true })
  window.longTasks = []
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.longTasks.push(Math.round(entry.duration)))).observe({ type: 'longtask', buffered: true })
})
const profiler = profilePath ? await context.newCDPSession(page) : null
if (profiler) await profiler.send('Profiler.enable').then(() => profiler.send('Profiler.setSamplingInterval', { interval: 1000 })).then(() => profiler.send('Profiler.start'))
const endTrace = tracePath ? await startTrace(page) : null
const navigated = Date.now()
await page.goto(url)
const list = page.getByRole('listbox', { name: 'Cards' })
const status = page.getByRole('status', { name: 'Library status' })
await list.getByRole('option').first().waitFor({ timeout: 120_000 })
console.log(`first rows: ${Date.now() - navigated} ms`)
// Where the page's time to first rows went: its script, then each call to the host, in the page's clock.
const timeline = await page.evaluate(() =>
  performance
    .getEntriesByType('resource')
    .filter((entry) => /\.js$|\/api\/call\//.test(entry.name))
    .map((entry) => `${entry.name.split('/').pop()} ${Math.round(entry.startTime)}-${Math.round(entry.responseEnd)}`)
)
console.log(`  page: ${timeline.join(', ')}; first batch in at ${Math.round(await page.evaluate(() => performance.getEntriesByName('tidings:batch')[0]?.startTime ?? NaN))}; first row in the DOM at ${Math.round(await page.evaluate(() => window.firstRowAt ?? NaN))}`)

async function open(position) {
  // The list is virtual: only the rows near the viewport exist, so the position wraps at what is rendered.
  const option = list.getByRole('option').nth(position % Math.max(1, await list.getByRole('option').count()))
  const during = !(await status.textContent()).includes('Ready')
  // Timed in the page: from the click's dispatch to the frame where the title and every related item are there.
  // The title is read in the same task as the click: rows arriving in between may move another card to this position.
  const timed = await option.evaluate(async (element) => {
    const wanted = element.querySelector('[id$="-title"]')?.textContent
    // A row the virtual list dropped between finding it and this task takes no click: not an open, try again.
    if (!element.isConnected) return null
    const started = performance.now()
    element.click()
    // The title's own frame too: the sidebar may finish a frame or more after it.
    let title = null
    // A task queued from a frame's requestAnimationFrame runs once that frame has painted: the times below
    // include the frame's style, layout and paint, not only React's commit.
    const painted = () =>
      new Promise((next) => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => next(performance.now() - started)
        channel.port2.postMessage(null)
      })
    for (;;) {
      await new Promise((next) => requestAnimationFrame(next))
      const heading = document.querySelector('main[aria-label="Reading pane"] h1')?.textContent
      const related = document.querySelector('aside[aria-label="Related coverage"]')
      const list = related?.querySelector('ol[aria-label="Related items"]')
      const items = list?.querySelectorAll(':scope > li').length ?? 0
      // Every item: the list may fill in over several frames (aria-busy until then, data-items says how many).
      const ready = related && (list ? list.getAttribute('aria-busy') !== 'true' && items > 0 && items === Number(list.dataset.items ?? items) : related.textContent.includes('No other coverage'))
      const paintedAt = await painted()
      if (heading === wanted) title ??= paintedAt
      if (heading === wanted && ready) return { ms: paintedAt, title }
      if (performance.now() - started > 60_000) {
        console.warn(`not shown in 60 s: wanted "${wanted}", the pane shows "${heading}", selected: ${document.querySelector('[role="option"][aria-selected="true"]')?.textContent?.slice(0, 80)}`)
        return { ms: Infinity, title: title ?? Infinity }
      }
    }
  })
  if (timed === null) return open(position)
  if (process.env.VERBOSE) console.log(`open ${position}: ${Math.round(timed.ms)} ms, title at ${Math.round(timed.title)} ms${during ? ' (during)' : ''}`)
  return { ms: Math.round(timed.ms), title: Math.round(timed.title), during }
}

const results = []
for (let position = 0; position < 40 && !(await status.textContent()).includes('Ready'); position++) results.push(await open(position % 15))
await status.getByText('Ready').waitFor({ timeout: 300_000 })
console.log(`ready: ${Date.now() - navigated} ms after navigation`)
const syncCall = await page.evaluate(() => performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/syncFolder')))
if (syncCall) console.log(`  syncFolder asked at ${Math.round(syncCall.startTime)} ms (page clock)`)
if (profiler) await writeFile(profilePath, JSON.stringify((await profiler.send('Profiler.stop')).profile))
if (endTrace) await endTrace(tracePath)
for (let position = 0; position < 30; position++) results.push(await open(position % 15))
const p = (values, q) => (values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] : NaN)
for (const [label, during] of [['during the sync', true], ['after it', false]]) {
  const values = results.filter((entry) => entry.during === during).map((entry) => entry.ms)
  console.log(`${label}: ${values.length} opens, median ${p(values, 0.5)} ms, p95 ${p(values, 0.95)} ms, max ${Math.max(...values)} ms`)
  const titles = results.filter((entry) => entry.during === during).map((entry) => entry.title)
  console.log(`  the title alone, ${label}: median ${p(titles, 0.5)} ms, p95 ${p(titles, 0.95)} ms`)
}
const longTasks = await page.evaluate(() => window.longTasks)
console.log(`long tasks: ${longTasks.length}, longest ${Math.max(0, ...longTasks)} ms, total ${longTasks.reduce((a, b) => a + b, 0)} ms`)
const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)
console.log(`renderer JS heap: ${Math.round(heap / 1e6)} MB`)
await context.close()
await host.stop()
await rm(root, { recursive: true, force: true })
