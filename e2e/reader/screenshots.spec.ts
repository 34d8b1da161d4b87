// Pictures of the main screens, light and dark, for people to look at
// (artifacts/screenshots/, not committed). Each also checks the screen is the right one.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, scanWithCli, REPO_ROOT } from '../fixtures'
import { exactly, openCard, reader } from './reader'

const DIR = join(REPO_ROOT, 'artifacts', 'screenshots')
const SCHEMES = ['light', 'dark'] as const

async function shoot(page: Page, name: string, scheme: (typeof SCHEMES)[number]): Promise<void> {
  mkdirSync(DIR, { recursive: true })
  await page.screenshot({ path: join(DIR, `${name}-${scheme}.png`) })
}

for (const scheme of SCHEMES) {
  test.describe(`screenshots (${scheme})`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1440, height: 900 } })

    test('main screen, dialogs and the no-match state', async ({ page, cardFolder }) => {
      const { cards } = await scanWithCli(cardFolder)
      const story = [...cards].sort((a, b) => b.related.length - a.related.length)[0]
      const ui = reader(page)
      await openCard(page, story.title)
      await expect(ui.heading).toHaveText(story.title)
      await expect(ui.related.getByRole('listitem')).toHaveCount(story.related.length)
      await shoot(page, 'reader', scheme)

      await ui.search.fill('topic:space quality>lots')
      await expect(page.getByText('Not understood:')).toBeVisible()
      await shoot(page, 'search-problem', scheme)

      await ui.search.fill('nothing matches this')
      await expect(page.getByText('No cards match')).toBeVisible()
      await shoot(page, 'no-match', scheme)
      await ui.search.fill('')

      await page.keyboard.press('Escape')
      await page.keyboard.press('?')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
      await shoot(page, 'shortcuts', scheme)
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: /^\d+ errors?$/ }).click()
      await expect(page.getByRole('dialog', { name: 'Files that could not be read' })).toBeVisible()
      await shoot(page, 'errors', scheme)
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: /^Folder:/ }).click()
      await expect(page.getByRole('dialog', { name: 'Open a folder' })).toBeVisible()
      await shoot(page, 'folder', scheme)
    })

    test('narrow window', async ({ page, cardFolder }) => {
      const { cards } = await scanWithCli(cardFolder)
      await page.setViewportSize({ width: 860, height: 800 })
      const ui = reader(page)
      await ui.option(exactly(cards[0].title)).click()
      await expect(ui.heading).toHaveText(cards[0].title)
      await expect(ui.filters).toBeHidden()
      await shoot(page, 'narrow', scheme)
      await page.getByRole('button', { name: 'Filters' }).click()
      await expect(ui.filters).toBeVisible()
      await shoot(page, 'narrow-filters', scheme)
      await page.getByRole('button', { name: 'Filters' }).click()
      await expect(ui.filters).toBeHidden()

      await page.setViewportSize({ width: 420, height: 800 })
      await expect(ui.heading).toBeVisible()
      await expect(ui.list).toBeHidden()
      await shoot(page, 'phone-reader', scheme)
      await page.getByRole('button', { name: '← Cards' }).click()
      await expect(ui.list).toBeVisible()
      await shoot(page, 'phone-list', scheme)
    })
  })

  test.describe(`screenshots of an empty folder (${scheme})`, () => {
    test.use({ colorScheme: scheme, cardSource: 'empty', viewport: { width: 1280, height: 800 } })

    test('says what to do', async ({ page }) => {
      await expect(page.getByText('This folder has no cards yet')).toBeVisible()
      await shoot(page, 'empty-folder', scheme)
    })
  })
}
