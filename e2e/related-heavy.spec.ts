// Real cards with long related lists: opening cards while the folder syncs and
// right after it always shows the card clicked (never the one before it, never
// a false "removed"), and the status says "Ready" only when both phases are done.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { test as base, expect, scanWithCli, REPO_ROOT } from './fixtures'
import { exactly, reader } from './reader/reader'

// Page functions run in Chromium; the Node project has no DOM types, so these name what they use.
interface PageNode {
  textContent: string | null
  querySelector(selector: string): PageNode | null
  getAttribute(name: string): string | null
}
declare const document: PageNode
declare const MutationObserver: new (callback: () => void) => { observe(target: PageNode, options: object): void }
declare function requestAnimationFrame(callback: () => void): number

const RELATED_HEAVY = resolve(REPO_ROOT, '../shared/cards/related-heavy')

/**
 * The folder, plus a copy of every card as another story (its own URL and title), so the
 * sync lasts long enough on any machine to open cards while it runs.
 */
async function addCopies(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.md')) continue
    const text = await readFile(join(folder, name), 'utf8')
    const copy = text
      .replace(/^(webUrl|originalUrl): "([^"?]*)(\?[^"]*)?"$/gm, (_line, field: string, url: string, query?: string) => `${field}: "${url}${query ? `${query}&` : '?'}copy=1"`)
      .replace(/^title: "/m, 'title: "Copy · ')
    await writeFile(join(folder, `copy-${name}`), copy)
  }
}

const test = base.extend<{ copies: boolean }>({
  cardSource: RELATED_HEAVY,
  copies: [false, { option: true }],
  // Set up before the page first loads (the page fixture opens it): the pane is watched from the start.
  cardFolder: async ({ cardFolder, copies, context }, use) => {
    await context.addInitScript(watchPane)
    if (copies) await addCopies(cardFolder)
    await use(cardFolder)
  }
})

interface Opened {
  title: string
  /** Reading-pane headings seen after the click, in order (null: no heading, loading). */
  headings: Array<string | null>
  sawRemoved: boolean
  related: number
  ms: number
  duringSync: boolean
}

/** Before the page loads: records every heading the reading pane shows after a click, and whether it ever said "removed". */
function watchPane(): void {
  const state = globalThis as unknown as PaneLog
  state.paneLog = []
  state.sawRemoved = false
  new MutationObserver(() => {
    const pane = document.querySelector('main[aria-label="Reading pane"]')
    if (!pane) return
    const heading = pane.querySelector('h1')?.textContent ?? null
    if (state.paneLog[state.paneLog.length - 1] !== heading) state.paneLog.push(heading)
    if (pane.textContent?.includes('no longer in the folder')) state.sawRemoved = true
  }).observe(document, { childList: true, subtree: true, characterData: true })
}

interface PaneLog {
  paneLog: Array<string | null>
  sawRemoved: boolean
}

/** Clicks the visible row at `position`, in the page, and waits for its card and its related list. */
async function openRow(page: Page, position: number): Promise<Opened> {
  const ui = reader(page)
  const option = ui.list.getByRole('option').nth(position)
  const opened = await option.evaluate(async (element) => {
    const state = globalThis as unknown as PaneLog
    const title = element.querySelector('[id$="-title"]')?.textContent ?? ''
    const duringSync = !document.querySelector('[role="status"][aria-label="Library status"]')?.textContent?.includes('Ready')
    state.paneLog = []
    state.sawRemoved = false
    const started = performance.now()
    ;(element as unknown as { click(): void }).click()
    for (;;) {
      await new Promise<void>((next) => requestAnimationFrame(() => next()))
      const heading = document.querySelector('main[aria-label="Reading pane"] h1')?.textContent
      const aside = document.querySelector('aside[aria-label="Related coverage"]')
      // Every item: the list fills in over more than one frame and is aria-busy until it holds them all.
      const list = aside?.querySelector('ol[aria-label="Related items"]')
      const related = list ? list.querySelector('li') && list.getAttribute('aria-busy') !== 'true' : aside?.textContent?.includes('No other coverage')
      if (heading === title && related) break
      if (performance.now() - started > 20_000) break
    }
    return { title, duringSync, ms: Math.round(performance.now() - started) }
  })
  await expect(ui.heading).toHaveText(opened.title)
  const related = await ui.related.getByRole('list', { name: 'Related items' }).getByRole('listitem').count()
  const { headings, sawRemoved } = await page.evaluate(() => {
    const state = globalThis as unknown as PaneLog
    return { headings: [...state.paneLog], sawRemoved: state.sawRemoved }
  })
  return { ...opened, headings, sawRemoved, related }
}

test.describe('while the folder syncs', () => {
  test.use({ copies: true })

test('opening cards during the sync and right after it always shows the card clicked', async ({ page, cardFolder }) => {
  // A shared machine under load reads 1,240 heavy cards slowly; the opens are timed in the page.
  test.setTimeout(300_000)
  const ui = reader(page)
  await expect(ui.list.getByRole('option').first()).toBeVisible({ timeout: 60_000 })

  const opened: Opened[] = []
  for (let position = 0; position < 6; position++) opened.push(await openRow(page, position))
  // Star acts on the card shown, while the sync may still be saving.
  const starred = opened[opened.length - 1].title
  await ui.readingPane.getByRole('button', { name: 'Star' }).click()
  await expect(ui.option(exactly(starred)).first()).toHaveAccessibleDescription(/starred/)

  // Ready only when indexing and saving are both done.
  await expect(ui.status).toContainText('Ready', { timeout: 90_000 })
  await expect(ui.status).not.toContainText('Saved for offline')
  for (let position = 6; position < 12; position++) opened.push(await openRow(page, position))

  const { cards } = await scanWithCli(cardFolder)
  const relatedCounts = new Map<string, Set<number>>()
  for (const card of cards) relatedCounts.set(card.title, (relatedCounts.get(card.title) ?? new Set()).add(card.related.length))
  console.log(`click -> card and related painted (ms): ${opened.map((entry) => `${entry.ms}${entry.duringSync ? '*' : ''}`).join(', ')} (* during the sync)`)
  expect(opened.some((entry) => entry.duringSync), 'at least one card opened while the sync ran').toBe(true)
  for (const entry of opened) {
    expect(entry.sawRemoved, `${entry.title}: never "removed"`).toBe(false)
    // Only the card clicked, after at most a moment with no card at all: never the previous one.
    expect(entry.headings.filter((heading) => heading !== null && heading !== entry.title), `${entry.title}: headings shown`).toEqual([])
    expect(relatedCounts.get(entry.title), `${entry.title}: every related item`).toContain(entry.related)
  }
  expect(opened.some((entry) => entry.related > 10)).toBe(true)
})
})

test('a search for a card\'s own title ranks it first and narrows to the cards that hold it', async ({ page, cardFolder }) => {
  test.setTimeout(180_000)
  const { cards } = await scanWithCli(cardFolder)
  const ui = reader(page)
  await expect(ui.status).toContainText('Ready', { timeout: 90_000 })
  const words = 'cibc chooses'
  const own = cards.filter((card) => `${card.title}\n${card.excerpt}`.toLowerCase().includes(words))
  const anywhere = cards.filter((card) => [card.title, card.excerpt, ...card.related.map((item) => item.title)].join('\n').toLowerCase().includes(words))
  expect(own.length).toBeGreaterThan(0)
  expect(anywhere.length).toBeGreaterThan(own.length)

  await ui.search.fill(words)
  await expect(ui.listCount).toHaveText(`${anywhere.length} cards`, { timeout: 30_000 })
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('best')
  const titled = own.filter((card) => card.title.toLowerCase().includes(words))
  await expect(ui.list.getByRole('option').first()).toHaveAccessibleName(exactly(titled[0]?.title ?? own[0].title))

  const narrow = page.getByRole('checkbox', { name: `Only matches in the card itself (${own.length})` })
  await narrow.check()
  await expect(ui.listCount).toHaveText(`${own.length} ${own.length === 1 ? 'card' : 'cards'}`, { timeout: 30_000 })
  for (const card of own) await expect(ui.option(exactly(card.title)).first()).toBeVisible()

  // Another sort stays while searching; a new search starts at best match again.
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest')
  await expect(ui.listCount).toHaveText(`${own.length} ${own.length === 1 ? 'card' : 'cards'}`)
  await ui.search.fill('')
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('newest')
  await expect(page.getByRole('checkbox', { name: /Only matches in the card itself/ })).toHaveCount(0)
})
