// Two machines reading one synced folder: two browser hosts, each with its own
// data folder, on the same card folder, and a page on each.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, removeFolder, scanWithCli, startTidingsHost } from './fixtures'
import { exactly, reader } from './reader/reader'

// The core tests hold the one second from file to window; here two hosts and two pages share a busy machine.
const SEEN_ON_THE_OTHER = { timeout: 5_000 }

async function shareMarks(page: Page, deviceName: string): Promise<void> {
  const devices = page.getByRole('group', { name: 'Devices' })
  await devices.getByRole('checkbox', { name: 'Keep read marks with the folder' }).check()
  await expect(devices.getByRole('checkbox', { name: 'Keep read marks with the folder' })).toBeChecked()
  const name = devices.getByRole('textbox', { name: 'This device’s name' })
  await name.fill(deviceName)
  await name.press('Enter')
  await expect(name).toHaveValue(deviceName)
  await page.getByRole('combobox', { name: 'Mark cards read' }).selectOption({ label: 'Never (only with m)' })
}

test.describe('read marks kept with the folder', () => {
  test('a card read and starred on one machine shows read and starred on the other', async ({ page, cardFolder, browser }) => {
    // Two hosts and two pages: twice a journey's work.
    test.setTimeout(90_000)
    const { cards } = await scanWithCli(cardFolder)
    const otherData = await mkdtemp(join(tmpdir(), 'tidings-e2e-data-b-'))
    const otherHost = await startTidingsHost({ folder: cardFolder, dataDir: otherData })
    const otherPage = await browser.newPage()
    try {
      await otherPage.goto(otherHost.url)
      const here = reader(page)
      const there = reader(otherPage)
      await expect(here.status).toContainText(`${cards.length} unread`)
      await expect(there.status).toContainText(`${cards.length} unread`)
      await shareMarks(page, 'Laptop')
      await shareMarks(otherPage, 'Desktop')

      const card = cards[1]
      await here.option(exactly(card.title)).click()
      await here.readingPane.getByRole('button', { name: 'Mark as read' }).click()
      await expect(there.status).toContainText(`${cards.length - 1} unread`, SEEN_ON_THE_OTHER)
      await expect(there.option(exactly(card.title))).toHaveAccessibleDescription(/, read/)
      await expect(otherPage.getByRole('group', { name: 'Devices' })).toContainText('Laptop: 1 mark, the last now')
      await otherPage.getByRole('group', { name: 'Devices' }).screenshot({ path: 'artifacts/screenshots/marks-sync-devices.png' })

      // And back: a star set on the other machine appears here.
      await there.option(exactly(card.title)).click()
      await there.readingPane.getByRole('button', { name: 'Star', exact: true }).click()
      await expect(here.option(exactly(card.title))).toHaveAccessibleDescription(/, read, starred/, SEEN_ON_THE_OTHER)
      await expect(here.readingPane.getByRole('button', { name: 'Unstar' })).toBeVisible()

      // Still there after the other page reloads: its own data folder's journal kept the mark.
      await otherPage.reload()
      await expect(there.status).toContainText(`${cards.length - 1} unread`)
    } finally {
      await otherPage.close()
      await otherHost.stop()
      await removeFolder(otherData)
    }
  })
})
