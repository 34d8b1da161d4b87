import { basename } from 'node:path'
import { test, expect, scanWithCli } from './fixtures'

// The bundled sample folder, opened by `tidings serve` in Debian's Chromium.
test.describe('foundation: the browser host on the sample folder', () => {
  test('shows the sample cards, newest first', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    expect(cards.length).toBeGreaterThan(20)
    const list = page.getByRole('listbox', { name: 'Cards' })
    for (const card of cards.slice(0, 3)) {
      await expect(list.getByRole('option', { name: card.title }).first()).toBeVisible()
    }
    await expect(list.getByRole('option').first()).toHaveAccessibleName(new RegExp(escapeRegExp(cards[0].title)))
  })

  test('shows the broken sample card with its file name and reason', async ({ page, cardFolder }) => {
    const { errors } = await scanWithCli(cardFolder)
    expect(errors.length).toBeGreaterThan(0)
    await page.getByRole('button', { name: /\d+ errors?/ }).click()
    const dialog = page.getByRole('dialog')
    for (const error of errors) {
      await expect(dialog).toContainText(basename(error.path))
      await expect(dialog).toContainText(error.message)
    }
  })

  test('the page is only served with its token', async ({ page, tidings }) => {
    const response = await page.goto(`${tidings.origin}/`)
    expect(response?.status()).toBe(401)
    await expect(page.getByRole('listbox', { name: 'Cards' })).toHaveCount(0)
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
