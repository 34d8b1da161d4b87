import { test, expect, scanWithCli } from '../fixtures'
import { cardTypeOf, exactly, openCard, reader } from './reader'

test.describe('reader: reading a card and its coverage', () => {
  test('open a card and see its related coverage', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const story = [...cards].sort((a, b) => b.related.length - a.related.length)[0]
    expect(story.related.length).toBeGreaterThan(3)
    const ui = reader(page)

    await openCard(page, story.title)
    await expect(ui.heading).toHaveText(story.title)
    await expect(ui.option(exactly(story.title))).toHaveAttribute('aria-selected', 'true')
    await expect(ui.readingPane.getByRole('button', { name: 'Open original' })).toBeEnabled()
    await expect(ui.readingPane.getByRole('navigation', { name: 'Topics' }).getByRole('button')).toHaveText(story.topics)

    const items = ui.related.getByRole('list', { name: 'Related items' }).getByRole('listitem')
    await expect(items).toHaveCount(story.related.length)
    for (const item of story.related) await expect(ui.related.getByRole('heading', { name: item.title, exact: true })).toBeVisible()
    const outlets = new Set([story, ...story.related].map((piece) => (piece.provider?.name || piece.provider?.domain || 'Unknown outlet').toLowerCase()))
    await expect(ui.related).toContainText(`${outlets.size} outlets over`)
    await expect(ui.related.getByRole('img', { name: /^Timeline of \d+ outlets/ })).toBeVisible()
    // Each piece is placed in time against the card: "+2 h", "−1 d".
    await expect(items.first()).toContainText(/[+\u2212]\d+ (min|h|d|mo|y)|same time/)

    // A topic is a link into the filter.
    await ui.readingPane.getByRole('navigation', { name: 'Topics' }).getByRole('button', { name: story.topics[0] }).click()
    await expect(ui.topic(story.topics[0])).toBeChecked()
    await expect(ui.listCount).toHaveText(`${cards.filter((card) => card.topics.includes(story.topics[0])).length} cards`)
  })

  test('follow an "In your folder" link to the other card', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const byUrl = new Map(cards.flatMap((card) => [card.webUrl, card.originalUrl].filter(Boolean).map((url) => [url!, card] as const)))
    const pair = cards.flatMap((card) => card.related.filter((item) => item.webUrl && byUrl.has(item.webUrl)).map((item) => ({ card, item, target: byUrl.get(item.webUrl!)! })))[0]
    expect(pair, 'a sample card whose related item is another sample card').toBeDefined()
    const ui = reader(page)

    await openCard(page, pair.card.title)
    await expect(ui.heading).toHaveText(pair.card.title)
    const entry = ui.related.getByRole('listitem').filter({ has: page.getByRole('heading', { name: pair.item.title, exact: true }) })
    await entry.getByRole('button', { name: 'In your folder' }).click()

    await expect(ui.heading).toHaveText(pair.target.title)
    await expect(ui.option(exactly(pair.target.title))).toHaveAttribute('aria-selected', 'true')
  })

  test('a video card shows its thumbnail and an "Open video" link, never its embed', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const video = cards.find((card) => cardTypeOf(card) === 'video' && card.featuredContent)
    expect(video, 'a sample video card with featuredContent').toBeDefined()
    const ui = reader(page)
    await openCard(page, video!.title)
    await expect(ui.heading).toHaveText(video!.title)
    await expect(ui.readingPane.getByRole('link', { name: 'Open video' })).toHaveAttribute('href', /^https:\/\//)
    await expect(page.locator('iframe')).toHaveCount(0)
  })
})
