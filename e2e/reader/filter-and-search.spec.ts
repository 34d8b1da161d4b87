import { test, expect, scanWithCli } from '../fixtures'
import type { Card } from '../../src/shared/card'
import { cardTypeOf, exactly, reader } from './reader'

const titles = (cards: Card[]): string[] => cards.map((card) => card.title)

test.describe('reader: facets and search', () => {
  test('filter by a topic and a provider, with counts that follow', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const ui = reader(page)
    await expect(ui.listCount).toHaveText(`${cards.length} cards`)

    const climate = cards.filter((card) => card.topics.includes('Climate'))
    const climateBy = (name: string): Card[] => climate.filter((card) => card.provider?.name === name)
    // A provider with Climate cards, and more cards outside Climate, so the counts must move.
    const provider = 'The Harbor Ledger'
    const allByProvider = cards.filter((card) => card.provider?.name === provider)
    expect(climateBy(provider).length).toBeGreaterThan(0)
    expect(allByProvider.length).toBeGreaterThan(climateBy(provider).length)

    await expect(ui.topic('Climate')).toHaveAccessibleName(`Climate ${climate.length}`)
    await expect(ui.provider(provider)).toHaveAccessibleName(`${provider} ${allByProvider.length}`)

    await ui.topic('Climate').check()
    await expect(ui.listCount).toHaveText(`${climate.length} cards`)
    // Provider counts now count Climate cards only.
    await expect(ui.provider(provider)).toHaveAccessibleName(`${provider} ${climateBy(provider).length}`)

    await ui.provider(provider).check()
    const both = climateBy(provider)
    await expect(ui.listCount).toHaveText(`${both.length} ${both.length === 1 ? 'card' : 'cards'}`)
    await expect(ui.list.getByRole('option')).toHaveCount(both.length)
    for (const title of titles(both)) await expect(ui.option(exactly(title))).toBeVisible()
    // The topic facet still counts every topic this provider has, so another can be added.
    const transit = allByProvider.filter((card) => card.topics.includes('Urban Transit'))
    await expect(ui.topic('Urban Transit')).toHaveAccessibleName(`Urban Transit ${transit.length}`)

    await ui.topic('Climate').uncheck()
    await expect(ui.listCount).toHaveText(`${allByProvider.length} cards`)
  })

  test('search with field terms, exclusions, and a term it cannot read', async ({ page, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const ui = reader(page)
    await expect(ui.list.getByRole('option').first()).toBeVisible()

    const transitNotCivic = cards.filter((card) => card.topics.includes('Urban Transit') && card.provider?.name !== 'Civic Transit Times')
    expect(transitNotCivic.length).toBeGreaterThan(0)
    await ui.search.fill('topic:"Urban Transit" -provider:"Civic Transit Times"')
    await expect(ui.listCount).toHaveText(`${transitNotCivic.length} cards`)
    for (const title of titles(transitNotCivic)) await expect(ui.option(exactly(title))).toBeVisible()

    const strong = cards.filter((card) => (card.quality ?? -1) > 130)
    await ui.search.fill('quality>130')
    await expect(ui.listCount).toHaveText(`${strong.length} cards`)
    for (const title of titles(strong)) await expect(ui.option(exactly(title))).toBeVisible()

    const recentSpace = cards.filter((card) => card.topics.includes('Space') && (card.publishedAtMs ?? 0) >= new Date(2026, 0, 1).getTime())
    await ui.search.fill('topic:space after:2026-01-01')
    await expect(ui.listCount).toHaveText(`${recentSpace.length} ${recentSpace.length === 1 ? 'card' : 'cards'}`)

    // Free text reaches related titles: "panorama" is in a related headline of the lander story.
    const panorama = cards.filter((card) => [card.title, card.excerpt, ...card.related.map((item) => item.title)].join(' ').toLowerCase().includes('panorama'))
    const videos = panorama.filter((card) => cardTypeOf(card) === 'video')
    await ui.search.fill('panorama -type:video')
    await expect(ui.listCount).toHaveText(`${panorama.length - videos.length} ${panorama.length - videos.length === 1 ? 'card' : 'cards'}`)

    await ui.search.fill('topic:space quality>lots')
    await expect(page.getByText('Not understood:')).toBeVisible()
    await expect(page.locator('#search-problems')).toContainText('quality>lots')
    await expect(ui.search).toHaveAttribute('aria-invalid', 'true')
    // The readable part still applies.
    await expect(ui.listCount).toHaveText(`${cards.filter((card) => card.topics.includes('Space')).length} cards`)

    await ui.search.fill('no such words anywhere')
    await expect(page.getByText('No cards match')).toBeVisible()
    await page.getByRole('button', { name: 'Clear search and filters' }).click()
    await expect(ui.listCount).toHaveText(`${cards.length} cards`)
    await expect(ui.search).toHaveValue('')
  })
})
