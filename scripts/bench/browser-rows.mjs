// The browser rows: `tidings serve` from the build and Debian's Chromium through
// Playwright. A fresh profile syncs the folder (first rows, every card in
// IndexedDB), then facet clicks, search keystrokes, the JS heap and rewrites are
// timed; then host and browser restart on the same port and profile, and the
// first rows are timed again with the cards already in IndexedDB.
/* global window */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { percentile } from './measure.mjs'
import { ms } from './core-rows.mjs'
import { startServe } from '../serve-child.mjs'
import { listCards } from './card-cache.mjs'

export const PROBE = join(import.meta.dirname, 'page-probe.js')
export const CHROMIUM = process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
// Topics the generator gives many cards, busiest first: the facet list shows them without expanding.
const FACET_TOPICS = ['Power Apps', 'Coronavirus', 'Election', 'Machine Learning', 'StarCraft 2', 'Climate Change', 'Electric Vehicles', 'Cybersecurity']
export const SEARCH_WORDS = ['security', 'vaccine', 'launch', 'cloud', 'market']

/**
 * `expectedCards`: the stories the core scan found, when known (else counted here
 * by URL); `expectedRelated`: their related items (0: not waited for).
 */
export async function measureBrowser(dir, { size, log, work, smoke, ...expected }) {
  const { cards: expectedCards, related: expectedRelated } = expected.expectedCards ? { cards: expected.expectedCards, related: expected.expectedRelated ?? 0 } : countStories(dir)
  const dataDir = mkdtempSync(join(work, 'host-data-'))
  const profile = mkdtempSync(join(work, 'chromium-profile-'))
  const limitMs = Math.max(120_000, size * 6)
  // First rows are single shots on a shared machine: take the median of a few.
  const samples = smoke ? 1 : 3
  const firstRows = (page) => waitFor(page, () => window.__benchProbe.firstRowAt, limitMs, 'the first card row')
  try {
    const freshRows = []
    for (let i = 1; i < samples; i++) {
      const scratchData = mkdtempSync(join(work, 'host-data-'))
      const scratchProfile = mkdtempSync(join(work, 'chromium-profile-'))
      try {
        freshRows.push(await session({ dir, dataDir: scratchData, profile: scratchProfile, port: 0 }, ({ page }) => firstRows(page)))
      } finally {
        rmSync(scratchData, { recursive: true, force: true })
        rmSync(scratchProfile, { recursive: true, force: true })
      }
    }
    const fresh = await session({ dir, dataDir, profile, port: 0 }, async ({ page, host }) => {
      freshRows.push(await firstRows(page))
      log(`  browser: first rows after ${freshRows.map(ms).join(', ')} (fresh)`)
      const openDuringSync = await timeOpens(page, smoke ? 3 : 12, 1000)
      log(`  browser: open a card during the sync p50 ${ms(openDuringSync.p50)}, p95 ${ms(openDuringSync.p95)} (${openDuringSync.samples} opens, ${openDuringSync.missed} not shown within 10 s, ${openDuringSync.removed} showed "no longer in the folder")`)
      // The issue's targets hold during the sync too: one round of facet clicks and two words typed while it runs.
      const facetDuringSync = await timeFacets(page, 1)
      const searchDuringSync = await timeSearch(page, SEARCH_WORDS.slice(0, smoke ? 1 : 2))
      log(`  browser: during the sync, facet clicks p50 ${ms(facetDuringSync.p50)}, p95 ${ms(facetDuringSync.p95)} (${facetDuringSync.samples}); search keystrokes p50 ${ms(searchDuringSync.p50)}, p95 ${ms(searchDuringSync.p95)} (${searchDuringSync.samples})`)
      const fullSyncMs = await waitForStored(page, { cards: expectedCards, related: expectedRelated }, limitMs * 2, log)
      log(`  browser: ${expectedCards.toLocaleString('en')} cards and their details (related items: ${expectedRelated.toLocaleString('en')}) in IndexedDB after ${ms(fullSyncMs)}`)
      await waitForIdle(page, limitMs).catch(() => log(`  browser: the status bar still said it was busy after ${ms(limitMs)}`))
      const openAfterSync = await timeOpens(page, smoke ? 3 : 20, 200)
      log(`  browser: open a card after the sync p50 ${ms(openAfterSync.p50)}, p95 ${ms(openAfterSync.p95)} (${openAfterSync.samples} opens, ${openAfterSync.missed} not shown within 10 s, ${openAfterSync.removed} showed "no longer in the folder")`)
      const facet = await timeFacets(page, smoke ? 1 : 3)
      log(`  browser: facet clicks p50 ${ms(facet.p50)}, p95 ${ms(facet.p95)} (${facet.samples} clicks)`)
      const search = await timeSearch(page, smoke ? SEARCH_WORDS.slice(0, 1) : SEARCH_WORDS)
      log(`  browser: search keystrokes p50 ${ms(search.p50)}, p95 ${ms(search.p95)} (${search.samples} keys)`)
      const heapMb = await heapAfterGc(page)
      log(`  browser: JS heap ${Math.round(heapMb)} MB after GC`)
      const rewriteToRow = await timeRewrites(page, dir, smoke ? 2 : 10)
      log(`  browser: rewrite to row p50 ${ms(rewriteToRow.p50)}, p95 ${ms(rewriteToRow.p95)}`)
      return { fullSyncMs, openDuringSync, openAfterSync, facet, search, facetDuringSync, searchDuringSync, heapMb, rewriteToRow, servePeakRssMb: peakRssMb(host.pid), port: host.port }
    })
    const restartRows = []
    for (let i = 0; i < samples; i++) {
      restartRows.push(await session({ dir, dataDir, profile, port: fresh.port }, ({ page }) => firstRows(page)))
    }
    log(`  browser: first rows after ${restartRows.map(ms).join(', ')} (restart, cards in IndexedDB)`)
    return { ...fresh, firstRowsFreshMs: percentile(freshRows, 50), firstRowsRestartMs: percentile(restartRows, 50) }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}

// One host + browser lifetime; both are stopped whatever `body` does.
async function session({ dir, dataDir, profile, port }, body) {
  const host = await startServe({ folder: dir, dataDir, port, timeoutMs: 30_000 })
  let context
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 } })
    await context.addInitScript({ path: PROBE })
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(host.url, { waitUntil: 'commit' })
    return await body({ page, host })
  } finally {
    await context?.close()
    await host.stop()
  }
}

/** Peak RSS (VmHWM) of a live process, in MB; NaN off Linux. */
function peakRssMb(pid) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)
    return match ? Number(match[1]) / 1024 : NaN
  } catch {
    return NaN
  }
}

/** Polls a page value until it is a number; returns it (a page performance.now() time). */
async function waitFor(page, read, timeoutMs, what) {
  const handle = await page.waitForFunction(read, undefined, { timeout: timeoutMs, polling: 50 })
  const value = await handle.jsonValue()
  if (typeof value !== 'number') throw new Error(`no time recorded for ${what}`)
  return value
}

/**
 * Page time (ms since navigation) at which IndexedDB holds every card, its detail and (in a database that has
 * them) the related rows: when the status bar says every card is saved, checked once against IndexedDB itself;
 * if IndexedDB is short of what the status says, it is read every few seconds and its own time is taken.
 */
async function waitForStored(page, expected, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs
  const savedAt = await page
    .waitForFunction(() => window.__benchProbe.savedAt, undefined, { timeout: timeoutMs, polling: 250 })
    .then((handle) => handle.jsonValue())
    .catch(() => null)
  let read = await readStored(page, expected)
  if (read.held) return savedAt ?? read.at
  if (savedAt !== null) log(`  browser: the status said every card was saved, but IndexedDB held ${read.stored.cards} of ${expected.cards} cards and ${read.stored.cardDetails} details`)
  while (Date.now() < deadline) {
    await page.waitForTimeout(5000)
    read = await readStored(page, expected)
    if (read.held) return read.at
  }
  // Reported as a miss (n/a), and the other rows are still taken.
  const { stored } = read
  log(`  browser: IndexedDB held ${stored.cards} of ${expected.cards} cards, ${stored.cardDetails} details${stored.related === null ? '' : ` and ${stored.related} of ${expected.related} related rows`} after ${ms(timeoutMs)}`)
  return NaN
}

/** What IndexedDB holds now (every row page and log record read: seconds at 100k), and whether it is all `expected`. */
async function readStored(page, expected) {
  const { stored, at } = await page.evaluate(async () => ({ stored: await window.__benchProbe.storedCounts(), at: performance.now() }))
  const held = stored.cards >= expected.cards && stored.cardDetails >= expected.cards && (stored.related === null || stored.related >= expected.related)
  return { stored, at, held }
}

// Syncing is over when the status bar stops saying so.
async function waitForIdle(page, timeoutMs) {
  const status = page.getByRole('status', { name: 'Library status' })
  await status.filter({ hasNotText: /Indexing|Looking for changes|Loading cards|Starting/ }).waitFor({ timeout: timeoutMs })
  await page.waitForTimeout(500)
}

// Opens cards one after another (rows on screen, in turn), `gapMs` apart.
export async function timeOpens(page, count, gapMs) {
  const samples = []
  let removed = 0
  for (let i = 0; i < count; i++) {
    const result = await page.evaluate((index) => window.__benchProbe.timeOpen(index), i)
    samples.push(result.ms)
    if (result.removed) removed++
    await page.waitForTimeout(gapMs)
  }
  return { ...summarize(samples), removed }
}

export async function timeFacets(page, cycles) {
  const samples = []
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const topic of FACET_TOPICS) {
      const box = page.getByRole('checkbox', { name: new RegExp(`^${topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`) }).first()
      if ((await box.count()) === 0) continue
      const element = await box.elementHandle()
      for (let click = 0; click < 2; click++) samples.push(await page.evaluate((el) => window.__benchProbe.timeClick(el), element))
    }
  }
  return summarize(samples)
}

export async function timeSearch(page, words) {
  const box = page.getByRole('searchbox', { name: 'Search' })
  await box.click()
  const samples = []
  for (const word of words) {
    for (const letter of word) samples.push(await timeKey(page, () => page.keyboard.type(letter)))
    await page.keyboard.press('ControlOrMeta+A')
    samples.push(await timeKey(page, () => page.keyboard.press('Backspace')))
  }
  return summarize(samples)
}

async function timeKey(page, press) {
  await page.evaluate(() => window.__benchProbe.armKey())
  await press()
  return page.evaluate(() => window.__benchProbe.keyLatency())
}

export async function heapAfterGc(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}

// Rewrites cards as the pipeline does (in place), each made the newest so its
// row shows at the top of the list, and times the write to the row appearing.
async function timeRewrites(page, dir, count) {
  const paths = listCards(dir)
  const samples = []
  const originals = new Map()
  // The opens before this scrolled the list; the newest row is only in the DOM with the list at its top.
  await page.getByRole('listbox', { name: 'Cards' }).evaluate((list) => list.scrollTo(0, 0))
  try {
    for (let i = 0; i < count; i++) {
      // One past the files the core's live rows rewrite, so a concurrent core run never rewrites the same file.
      const path = join(dir, paths[Math.floor(((i + 1) * paths.length) / (count + 1)) + 1])
      const marker = `Bench rewrite ${i + 1} ${Date.now().toString(36)}`
      const original = readFileSync(path, 'utf8')
      if (!originals.has(path)) originals.set(path, original)
      const text = original
        .replace(/\ntitle: .*/, `\ntitle: "${marker}"`)
        .replace(/\npublishedDateTime: .*/, `\npublishedDateTime: 2031-01-01T00:${String(i).padStart(2, '0')}:00Z`)
      const shown = page.evaluate((wanted) => window.__benchProbe.waitForRowText(wanted), marker)
      await page.waitForTimeout(50)
      const written = Date.now()
      writeFileSync(path, text)
      samples.push((await shown) - written)
      await page.waitForTimeout(300)
    }
  } finally {
    // The folder may be the bench's cache: leave it as it was found.
    for (const [path, text] of originals) writeFileSync(path, text)
  }
  return summarize(samples)
}

function summarize(samples) {
  const lost = samples.filter((value) => !Number.isFinite(value)).length
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), samples: samples.length, missed: lost, values: samples }
}

/**
 * Stories in the folder, one per distinct webUrl (reposts share theirs), as
 * IndexedDB stores them, and their related items (the generator's layout).
 */
function countStories(dir) {
  const related = new Map()
  let withoutUrl = 0
  for (const path of listCards(dir)) {
    const text = readFileSync(join(dir, path), 'utf8')
    const url = text.match(/\nwebUrl: "([^"]*)"/)?.[1] ?? text.match(/\noriginalUrl: "([^"]*)"/)?.[1]
    const items = text.split('\n  - title: ').length - 1
    if (url) related.set(url, items)
    else withoutUrl++
  }
  let items = 0
  for (const count of related.values()) items += count
  return { cards: related.size + withoutUrl, related: items }
}
