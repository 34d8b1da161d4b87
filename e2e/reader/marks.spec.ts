import { test, expect, scanWithCli } from '../fixtures'
import { exactly, reader } from './reader'

test.describe('reader: read and star marks', () => {
  test('mark a card read, reload: still read', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const ui = reader(page)
    // Only the button marks it, so the test shows the button's mark surviving.
    await page.getByRole('combobox', { name: 'Mark cards read' }).selectOption({ label: 'Never (only with m)' })
    await expect(ui.status).toContainText(`${cards.length} unread`)

    const card = cards[2]
    await ui.option(exactly(card.title)).click()
    await ui.readingPane.getByRole('button', { name: 'Mark as read' }).click()
    await expect(ui.readingPane.getByRole('button', { name: 'Mark as unread' })).toBeVisible()
    await expect(ui.status).toContainText(`${cards.length - 1} unread`)
    await ui.readingPane.getByRole('button', { name: 'Star', exact: true }).click()
    await expect(ui.readingPane.getByRole('button', { name: 'Unstar' })).toBeVisible()

    await page.reload()
    await expect(ui.status).toContainText(`${cards.length - 1} unread`)
    await expect(ui.option(exactly(card.title))).toHaveAccessibleDescription(/, read, starred/)
    await ui.option(exactly(card.title)).click()
    await expect(ui.readingPane.getByRole('button', { name: 'Mark as unread' })).toBeVisible()
    await expect(ui.readingPane.getByRole('button', { name: 'Unstar' })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Mark cards read' })).toHaveValue('never')
  })

  test('mark all in this view as read, then undo', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const space = cards.filter((card) => card.topics.includes('Space'))
    const ui = reader(page)
    await expect(ui.status).toContainText(`${cards.length} unread`)

    await ui.topic('Space').check()
    await expect(ui.listCount).toHaveText(`${space.length} cards`)
    await page.getByRole('button', { name: 'Mark all in this view as read' }).click()
    const toast = page.getByRole('status', { name: 'Notifications' })
    await expect(toast).toContainText(`Marked ${space.length} cards as read.`)
    await expect(ui.status).toContainText(`${cards.length - space.length} unread`)
    await expect(ui.unreadToggle).toHaveAccessibleName('Unread 0')

    await toast.getByRole('button', { name: 'Undo' }).click()
    await expect(ui.status).toContainText(`${cards.length} unread`)
    await expect(ui.unreadToggle).toHaveAccessibleName(`Unread ${space.length}`)

    // Undo restored exactly what changed: a card read before stays read.
    await page.reload()
    await expect(ui.status).toContainText(`${cards.length} unread`)
  })
})
