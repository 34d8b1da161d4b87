// Role-and-name handles on the reader screen, shared by the reader journeys.
import type { Locator, Page } from '@playwright/test'
import type { Card } from '../../src/shared/card'

export function reader(page: Page) {
  const filters = page.getByRole('region', { name: 'Filters' })
  const listPane = page.getByRole('region', { name: 'Card list' })
  return {
    search: page.getByRole('searchbox', { name: 'Search' }),
    list: page.getByRole('listbox', { name: 'Cards' }),
    option: (title: string | RegExp): Locator => page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: title }),
    /** "12 cards" above the list. */
    listCount: listPane.getByText(/^\d[\d,]* cards?$/),
    filters,
    topic: (name: string): Locator => filters.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: new RegExp(`^${escape(name)} \\d+$`) }),
    provider: (name: string): Locator => filters.getByRole('group', { name: 'Providers' }).getByRole('checkbox', { name: new RegExp(`^${escape(name)} \\d+$`) }),
    unreadToggle: filters.getByRole('checkbox', { name: /^Unread \d+$/ }),
    readingPane: page.getByRole('main', { name: 'Reading pane' }),
    heading: page.getByRole('main', { name: 'Reading pane' }).getByRole('heading', { level: 1 }),
    related: page.getByRole('complementary', { name: 'Related coverage' }),
    status: page.getByRole('status', { name: 'Library status' })
  }
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Exactly this text, as a name matcher. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${escape(text)}$`)
}

/** `tidings scan --json` lines carry the card's own type as `cardType` (their `type` is "card"). */
export function cardTypeOf(card: Card): string {
  return (card as Card & { cardType?: string }).cardType ?? card.type
}

/**
 * Opens a card the list may not have rendered yet (it is virtualized): find it
 * by its title in the search box, click it, then empty the search again.
 */
export async function openCard(page: Page, title: string): Promise<void> {
  const ui = reader(page)
  await ui.search.fill(`"${title.replace(/"/g, '')}"`)
  await ui.option(exactly(title)).click()
  await ui.search.fill('')
  await ui.heading.filter({ hasText: title }).waitFor()
}
