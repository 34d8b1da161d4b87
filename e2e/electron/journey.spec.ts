import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import type { Card } from '../../src/shared/card'
import { REPO_ROOT, SAMPLE_CARDS } from '../fixtures/card-folder'
import { scanWithCli } from '../fixtures/cli-scan'
import { findElectronRuntime } from './runtime'

const runtime = findElectronRuntime()
test.skip('unavailable' in runtime, `Electron journeys skipped: ${'unavailable' in runtime ? runtime.unavailable : ''}`)

const FOLDER_NAME = 'journey-cards'
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The busiest topic that some cards lack, the newest card that has it and the
 * newest that does not (`cards` is newest first, as the list opens, so both are
 * near the top of the virtualized list).
 */
function pickTopic(cards: Card[]): { topic: string; card: Card; other: Card } {
  const counts = new Map<string, number>()
  for (const card of cards) for (const topic of new Set(card.topics)) counts.set(topic, (counts.get(topic) ?? 0) + 1)
  const [topic] = [...counts].filter(([, count]) => count < cards.length).sort((a, b) => b[1] - a[1])[0] ?? []
  const card = cards.find((candidate) => candidate.topics.includes(topic))
  const other = cards.find((candidate) => !candidate.topics.includes(topic) && !card?.title.includes(candidate.title) && !candidate.title.includes(card?.title ?? ''))
  if (!topic || !card || !other) throw new Error('The sample folder needs a topic that some cards have and others lack')
  return { topic, card, other }
}

test.describe('Electron: the main journey in the built app', () => {
  let dataDir: string
  let folder: string

  test.beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tidings-electron-data-'))
    // A copy under its own name, so the window can be seen to switch to it from the bundled sample.
    folder = join(await mkdtemp(join(tmpdir(), 'tidings-electron-cards-')), FOLDER_NAME)
    await cp(SAMPLE_CARDS, folder, { recursive: true })
  })
  test.afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
    await rm(join(folder, '..'), { recursive: true, force: true })
  })

  async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
    // The repo root is the app (package.json's main is out/main/index.js), as in `npm start`.
    if (!('binary' in runtime)) throw new Error('no Electron runtime')
    const app = await electron.launch({ executablePath: runtime.binary, args: [REPO_ROOT], cwd: REPO_ROOT, env: { ...process.env, TIDINGS_DATA_DIR: dataDir } })
    const page = await app.firstWindow()
    return { app, page }
  }

  test('open the sample folder, filter by a topic, open a card, mark it read; after a restart it is still read', async () => {
    const { cards } = await scanWithCli(folder)
    const { topic, card, other } = pickTopic(cards)

    const first = await launch()
    try {
      const { app, page } = first
      // File > Open Folder…, with the native dialog answering our folder.
      await app.evaluate(({ dialog }, chosen) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as unknown as typeof dialog.showOpenDialog
      }, folder)
      await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('open-folder')?.click())

      await expect(page.getByText(FOLDER_NAME).first()).toBeVisible()
      const list = page.getByRole('listbox', { name: 'Cards' })
      await expect(list.getByRole('option', { name: other.title }).first()).toBeVisible()

      await page
        .getByRole('group', { name: 'Topics' })
        .getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(topic)}\\s+[\\d,.\\s]+$`) })
        .check()
      await expect(list.getByRole('option', { name: other.title })).toHaveCount(0)
      await expect(list.getByRole('option', { name: card.title }).first()).toBeVisible()

      await list.getByRole('option', { name: card.title }).first().click()
      await expect(page.getByRole('heading', { name: card.title }).first()).toBeVisible()
      const markRead = page.getByRole('button', { name: 'Mark as read' })
      const markUnread = page.getByRole('button', { name: 'Mark as unread' })
      await expect(markRead.or(markUnread)).toBeVisible()
      // The reader may already have marked it on open (a setting); either way it must end up read.
      if (await markRead.isVisible()) await markRead.click()
      await expect(markUnread).toBeVisible()
    } finally {
      await first.app.close()
    }

    const second = await launch()
    try {
      const list = second.page.getByRole('listbox', { name: 'Cards' })
      await list.getByRole('option', { name: card.title }).first().click()
      await expect(second.page.getByRole('heading', { name: card.title }).first()).toBeVisible()
      await expect(second.page.getByRole('button', { name: 'Mark as unread' })).toBeVisible()
      await expect(second.page.getByRole('button', { name: 'Mark as read' })).toHaveCount(0)
    } finally {
      await second.app.close()
    }
  })
})
