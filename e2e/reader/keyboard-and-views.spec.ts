import { test, expect, scanWithCli } from '../fixtures'
import { exactly, reader } from './reader'

test.describe('reader: keyboard and saved views', () => {
  test('a keyboard-only walk through ten cards', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    expect(cards.length).toBeGreaterThanOrEqual(11)
    const ui = reader(page)
    await expect(ui.list.getByRole('option').first()).toBeVisible()

    for (let i = 0; i < 10; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'j' : 'ArrowDown')
      await expect(ui.heading).toHaveText(cards[i].title)
      await expect(ui.option(exactly(cards[i].title))).toHaveAttribute('aria-selected', 'true')
    }
    await page.keyboard.press('k')
    await expect(ui.heading).toHaveText(cards[8].title)

    await page.keyboard.press('m')
    await expect(ui.readingPane.getByRole('button', { name: /^Mark as (read|unread)$/ })).toHaveText(/Mark as (read|unread)/)
    const before = await ui.readingPane.getByRole('button', { name: /^Mark as / }).textContent()
    await page.keyboard.press('m')
    await expect(ui.readingPane.getByRole('button', { name: /^Mark as / })).not.toHaveText(before!)
    await page.keyboard.press('s')
    await expect(ui.readingPane.getByRole('button', { name: 'Unstar' })).toBeVisible()
    await page.keyboard.press('s')
    await expect(ui.readingPane.getByRole('button', { name: 'Star', exact: true })).toBeVisible()

    await page.keyboard.press('Enter')
    await expect(page.getByRole('article', { name: cards[8].title })).toBeFocused()

    await page.keyboard.press('/')
    await expect(ui.search).toBeFocused()
    await page.keyboard.type('topic:space')
    await expect(ui.listCount).toHaveText(`${cards.filter((card) => card.topics.includes('Space')).length} cards`)
    await page.keyboard.press('Escape')
    await expect(ui.search).toHaveValue('')
    await expect(ui.listCount).toHaveText(`${cards.length} cards`)
    // With nothing left to clear, Esc leaves the search box for the list.
    await page.keyboard.press('Escape')
    await expect(ui.list).toBeFocused()

    await page.keyboard.press('?')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(dialog).toBeVisible()
    for (const key of ['j', 'k', 'Enter', 'o', 'm', 's', '/', 'Esc', '?']) await expect(dialog.getByRole('rowheader').filter({ hasText: new RegExp(`(^|\\s)${key.replace(/[?/]/g, '\\$&')}(\\s|$)`) }).first()).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    // Esc closed the dialog without clearing anything else; j still walks on.
    await page.keyboard.press('j')
    await expect(ui.heading).toHaveText(cards[9].title)
  })

  test('a saved view survives a reload', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const ui = reader(page)
    const space = cards.filter((card) => card.topics.includes('Space'))
    await ui.search.fill('topic:Space')
    await ui.unreadToggle.check()
    await expect(ui.listCount).toHaveText(`${space.length} cards`)

    await page.getByRole('button', { name: 'Save current view…' }).click()
    await page.getByRole('textbox', { name: 'View name' }).fill('Space, unread')
    await page.getByRole('textbox', { name: 'View name' }).press('Enter')
    const view = ui.filters.getByRole('button', { name: `Space, unread, ${space.length} unread` })
    await expect(view).toBeVisible()
    await expect(view).toHaveAttribute('aria-pressed', 'true')

    await page.reload()
    await expect(view).toBeVisible()
    await expect(view).toHaveAttribute('aria-pressed', 'false')
    await expect(ui.listCount).toHaveText(`${cards.length} cards`)

    await view.click()
    await expect(ui.search).toHaveValue('topic:Space')
    await expect(ui.unreadToggle).toBeChecked()
    await expect(ui.listCount).toHaveText(`${space.length} cards`)
    await expect(view).toHaveAttribute('aria-pressed', 'true')

    // Its count follows the marks.
    await ui.option(exactly(space[0].title)).click()
    await ui.readingPane.getByRole('button', { name: 'Mark as read' }).click()
    await expect(ui.filters.getByRole('button', { name: `Space, unread, ${space.length - 1} unread` })).toBeVisible()
  })
})
