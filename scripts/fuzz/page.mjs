// Chromium (Debian's, as e2e uses) with a persistent profile, so IndexedDB
// outlives a page reload, a host restart and the browser itself; and what a
// user would see of the library, read from the page.
import { chromium } from '@playwright/test'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const CHROMIUM = process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export async function openBrowser(profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: ARGS, headless: true })
  const page = context.pages()[0] ?? (await context.newPage())
  const problems = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return { context, page, problems }
}

/** Deletes the page's IndexedDB on disk with the browser closed: what a user clearing site data, or a lost profile, does. */
export function wipeIndexedDb(profileDir) {
  const dir = join(profileDir, 'Default', 'IndexedDB')
  // A wipe that deletes nothing would make the check after it prove nothing.
  if (!existsSync(dir) || readdirSync(dir).length === 0) throw new Error(`no IndexedDB to wipe at ${dir}`)
  rmSync(dir, { recursive: true, force: true })
}

/** The folder's cards (path -> title and id), errors (paths) and every read/star state, straight from IndexedDB. */
export function readLibrary(page, folder) {
  return page.evaluate(async (folder) => {
    const db = await new Promise((resolve, reject) => {
      const request = globalThis.indexedDB.open('tidings')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    try {
      const all = (store) =>
        new Promise((resolve, reject) => {
          if (!db.objectStoreNames.contains(store)) return resolve([])
          const request = db.transaction(store, 'readonly').objectStore(store).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      const keysOf = (store) =>
        new Promise((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAllKeys()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      // As the page reads them (load-folder.ts): the row pages when valid, else the cards table, then the row log
      // (version 7 on: one record per write, keyed [folder, n]) folded on top in key order.
      let rows = (await all('cards')).filter((row) => row.folder === folder)
      if (db.objectStoreNames.contains('rowLog')) {
        const state = (await all('settings')).find((setting) => setting.key === `rowPages:${folder}`)?.value
        const pages = (await all('rowPages')).filter((page) => page.folder === folder)
        if (state?.valid && pages.length === state.pages) rows = pages.flatMap((page) => page.rows)
        const byId = new Map(rows.map((row) => [row.id, row]))
        const [keys, records] = [await keysOf('rowLog'), await all('rowLog')]
        records.forEach((record, index) => {
          if (keys[index][0] !== folder) return
          for (const id of record.removed) byId.delete(id)
          for (const row of record.rows) byId.set(row.id, row)
        })
        rows = [...byId.values()]
      }
      const cards = rows.map((row) => ({ path: row.path, title: row.title, id: row.id }))
      const errors = (await all('errors')).filter((row) => row.folder === folder).map((row) => row.path)
      const states = (await all('states')).map((state) => ({ id: state.id, read: state.read, starred: state.starred }))
      return { cards, errors, states }
    } finally {
      db.close()
    }
  }, folder)
}

/** The "N cards" line above the list, as a number (null when not shown). */
export async function shownCount(page) {
  const text = await page.getByRole('region', { name: 'Card list' }).getByText(/^\d[\d,]* cards?$/).textContent({ timeout: 1000 }).catch(() => null)
  return text === null ? null : Number(text.replace(/[^\d]/g, ''))
}

/** Opening a card must not mark it: only the buttons do, so the model knows every mark. */
export async function markOnlyByHand(page) {
  await page.getByRole('combobox', { name: 'Mark cards read' }).selectOption('never', { timeout: 15_000 })
}

/** Finds a card by its exact title with the search box, opens it and sets its read or star flag with the reading pane's button. */
export async function setMark(page, title, flag, on) {
  const search = page.getByRole('searchbox', { name: 'Search' })
  await search.fill(`"${title}"`)
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
  await page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: exact }).click({ timeout: 15_000 })
  const pane = page.getByRole('main', { name: 'Reading pane' })
  await pane.getByRole('heading', { level: 1 }).filter({ hasText: title }).waitFor({ timeout: 15_000 })
  const [from, to] = flag === 'read' ? (on ? ['Mark as read', 'Mark as unread'] : ['Mark as unread', 'Mark as read']) : on ? ['Star', 'Unstar'] : ['Unstar', 'Star']
  const target = pane.getByRole('button', { name: to, exact: true })
  if (!(await target.isVisible())) await pane.getByRole('button', { name: from, exact: true }).click({ timeout: 15_000 })
  await target.waitFor({ timeout: 15_000 })
  await search.fill('')
}
