import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test, expect, writeCard, type CardSpec } from './fixtures'

// Behaviour, not a benchmark: the list follows the disk within about a second.
const FOLLOWS_DISK = { timeout: 2_000 }
// Dated ahead of every sample card, so it sits at the top of a newest-first list.
const FUTURE = new Date('2099-06-01T08:00:00Z')

test.describe('live library: the list follows the folder on disk', () => {
  test('a card written, changed and deleted on disk appears, changes and goes', async ({ page, cardFolder }) => {
    const list = page.getByRole('listbox', { name: 'Cards' })
    await expect(list.getByRole('option').first()).toBeVisible()

    const webUrl = 'https://live.example/news/tidal-power-plant'
    await writeCard(cardFolder, '2099-06-01-tidal-power.md', { title: 'Tidal power plant opens in the north', webUrl, publishedDateTime: FUTURE })
    await expect(list.getByRole('option', { name: 'Tidal power plant opens in the north' })).toBeVisible(FOLLOWS_DISK)

    await writeCard(cardFolder, '2099-06-01-tidal-power.md', { title: 'Tidal power plant doubles its output', webUrl, publishedDateTime: FUTURE })
    await expect(list.getByRole('option', { name: 'Tidal power plant doubles its output' })).toBeVisible(FOLLOWS_DISK)
    await expect(list.getByRole('option', { name: 'Tidal power plant opens in the north' })).toHaveCount(0, FOLLOWS_DISK)

    await rm(join(cardFolder, '2099-06-01-tidal-power.md'))
    await expect(list.getByRole('option', { name: /Tidal power plant/ })).toHaveCount(0, FOLLOWS_DISK)
  })

  test('a read card stays read when its file gains related coverage, across a reload', async ({ page, cardFolder }) => {
    const card: CardSpec = {
      title: 'Harbour bridge reopens after repairs',
      webUrl: 'https://live.example/news/harbour-bridge',
      publishedDateTime: FUTURE,
      related: [{ title: 'Bridge repairs finish early', webUrl: 'https://other.example/bridge-early' }]
    }
    const fileName = '2099-06-01-harbour-bridge.md'
    await writeCard(cardFolder, fileName, card)
    const option = page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: card.title })
    await expect(option).toBeVisible(FOLLOWS_DISK)
    await option.click()
    await page.getByRole('button', { name: 'Mark as read' }).click()
    await expect(page.getByRole('button', { name: 'Mark as unread' })).toBeVisible()

    await writeCard(cardFolder, fileName, {
      ...card,
      related: [
        ...(card.related ?? []),
        { title: 'Commuters return to the harbour bridge', webUrl: 'https://other.example/bridge-commuters' },
        { title: 'What the bridge repairs cost', webUrl: 'https://third.example/bridge-cost' }
      ]
    })
    await expect(page.getByText('What the bridge repairs cost', { exact: true })).toBeVisible(FOLLOWS_DISK)

    await page.reload()
    await option.click()
    await expect(page.getByRole('button', { name: 'Mark as unread' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveCount(0)
    for (const title of ['Bridge repairs finish early', 'Commuters return to the harbour bridge', 'What the bridge repairs cost']) {
      await expect(page.getByText(title, { exact: true })).toBeVisible()
    }
  })
})
