import { mkdirSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { REPO_ROOT, scanWithCli, storiesOf, test, expect } from './fixtures'
import { exactly, reader } from './reader/reader'

/** The file's YAML gains two related items published now: coverage that arrived after the read. */
async function addTwoRelatedItems(path: string): Promise<void> {
  const text = await readFile(path, 'utf8')
  const at = new Date().toISOString()
  const item = (n: number) =>
    `  - title: "Follow-up coverage number ${n}"\n    excerpt: "More on the story."\n    publishedDateTime: ${at}\n    webUrl: "https://follow-up.example/news/${n}"\n    type: article\n    provider:\n      name: Follow-up News\n      domain: follow-up.example\n`
  const withRelated = /\nrelated:\n/.test(text) ? text.replace(/\nrelated:\n/, `\nrelated:\n${item(1)}${item(2)}`) : text.replace(/\n---\s*$/, `\nrelated:\n${item(1)}${item(2)}---\n`)
  await writeFile(path, withRelated)
}

test.use({ cardSource: join(REPO_ROOT, '..', 'shared', 'cards', 'related-heavy'), viewport: { width: 1440, height: 900 } })

test('Stories: one row per story, its outlets and timeline, and "+2 new" when a card of it gains coverage', async ({ page, cardFolder }) => {
  test.setTimeout(120_000)
  const folderStories = await storiesOf(cardFolder)
  const story = folderStories.find((line) => line.outlets > 1)
  expect(story, 'the folder holds a story told by several outlets').toBeDefined()
  const { id, cards, outlets } = story!

  await expect(page.getByRole('listbox', { name: 'Cards' }).getByRole('option').first()).toBeVisible()
  await page.getByRole('radio', { name: 'Stories' }).click()
  const list = page.getByRole('listbox', { name: 'Stories' })
  await expect(list.getByRole('option').first()).toBeVisible()

  await page.getByRole('searchbox').fill(`story:${id}`)
  const row = list.locator(`[data-story="${id}"]`)
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(row).toContainText(`${outlets} outlets`)
  await row.click()

  const panel = page.getByRole('region', { name: 'Story' })
  await expect(panel.getByTestId('story-summary')).toHaveText(`${cards.length} cards from ${outlets} outlets`)
  await expect(panel.getByTestId('source-outlets')).toHaveText(String(outlets))
  const marks = panel.getByRole('group', { name: 'Cards in time order' }).getByRole('button')
  await expect(marks).toHaveCount(cards.length)
  // The timeline is one tab stop; the arrow keys walk its marks.
  await marks.first().focus()
  await page.keyboard.press('ArrowRight')
  await expect(marks.nth(1)).toBeFocused()

  await panel.getByRole('button', { name: 'Mark story read' }).click()
  await expect(page.getByText(/Marked the story's \d+ cards? as read/)).toBeVisible()
  await expect(row.locator('.unread-dot')).toHaveCount(0)

  await addTwoRelatedItems(join(cardFolder, cards[cards.length - 1]))
  await expect(row).toContainText('+2 new', { timeout: 5_000 })
  await expect(panel.getByTestId('story-summary')).toContainText('2 new since you read it')
  const coverage = panel.getByRole('list', { name: 'Coverage across the story' })
  for (const n of [1, 2]) await expect(coverage.getByRole('listitem').filter({ hasText: `Follow-up coverage number ${n}` })).toContainText('new')

  // The card itself, in the Cards list, says so too.
  await page.getByRole('radio', { name: 'Cards' }).click()
  await expect(page.getByRole('listbox', { name: 'Cards' }).getByRole('option').filter({ hasText: '+2 new' })).toHaveCount(1)
  await page.getByRole('radio', { name: 'Stories' }).click()

  mkdirSync(join(REPO_ROOT, 'artifacts', 'screenshots'), { recursive: true })
  await page.screenshot({ path: join(REPO_ROOT, 'artifacts', 'screenshots', 'stories-light.png') })

  await page.getByRole('searchbox').fill('is:updated')
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(list.locator(`[data-story="${id}"]`)).toBeVisible()

  // Opening it again clears the badge.
  await page.getByRole('searchbox').fill(`story:${id}`)
  await row.click()
  await expect(row).not.toContainText('new')
  await expect(panel.getByTestId('story-summary')).toHaveText(`${cards.length} cards from ${outlets} outlets`)

  // The timeline is one tab stop in every story: its last mark focused here, then a story of one card opened.
  await marks.last().focus()
  const single = folderStories.find((line) => line.cards.length === 1)!
  await page.getByRole('searchbox').fill(`story:${single.id}`)
  await list.locator(`[data-story="${single.id}"]`).click()
  await expect(panel.getByTestId('story-summary')).toContainText('1 card from')
  await expect(marks).toHaveCount(1)
  await expect(marks.first()).toHaveAttribute('tabindex', '0')
})

test('Opening an unread card of a story with new coverage leaves it unread when cards are marked read only by hand', async ({ page, cardFolder }) => {
  // 620 heavy cards to load and a rewrite to sync, on a shared 2-core machine.
  test.slow()
  const story = (await storiesOf(cardFolder)).find((line) => line.cards.length > 1)
  expect(story, 'the folder holds a story of several cards').toBeDefined()
  const pathOf = new Map((await scanWithCli(cardFolder)).cards.map((card) => [card.title, card.path]))
  const ui = reader(page)
  await page.getByRole('combobox', { name: 'Mark cards read' }).selectOption({ label: 'Never (only with m)' })
  await ui.search.fill(`story:${story!.id}`)
  // The cards the page puts in that story, as it shows them.
  await expect(ui.list.getByRole('option').nth(1)).toBeVisible()
  const [readTitle, unreadTitle] = (await ui.list.getByRole('option').allInnerTexts()).map((text) => [...pathOf.keys()].find((title) => text.includes(title))!)

  await ui.option(exactly(readTitle)).click()
  await ui.readingPane.getByRole('button', { name: 'Mark as read' }).click()
  await expect(ui.readingPane.getByRole('button', { name: 'Mark as unread' })).toBeVisible()
  // Coverage arrives after the read, on the card not read yet: the story has news.
  await addTwoRelatedItems(join(cardFolder, pathOf.get(unreadTitle)!))
  const summary = page.getByRole('region', { name: 'Story' }).getByTestId('story-summary')
  await expect(summary).toContainText('new since you read it', { timeout: 5_000 })

  await ui.option(exactly(unreadTitle)).click()
  await expect(ui.heading).toHaveText(unreadTitle)
  // Opening it saw the news (the badge goes) but did not read the card for the reader.
  await expect(summary).not.toContainText('new')
  await expect(ui.readingPane.getByRole('button', { name: 'Mark as read' })).toBeVisible()
  await expect(ui.option(exactly(unreadTitle))).not.toHaveAccessibleDescription(/, read/)
})

test('Stories: j and k walk the stories as they walk the cards, opening each lead and scrolling the list to it', async ({ page, cardFolder }) => {
  test.setTimeout(120_000)
  const expected = await storiesOf(cardFolder)
  await expect(reader(page).status).toContainText('Ready', { timeout: 90_000 })
  await page.getByRole('radio', { name: 'Stories' }).click()
  const list = page.getByRole('listbox', { name: 'Stories' })
  const storyCount = page.getByRole('region', { name: 'Card list' }).getByText(/^\d[\d,]* stor(y|ies)$/)
  const counted = (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'story' : 'stories'}`
  // The worker re-clusters once the sync has ended, which may move rows: walk the list it settles on.
  await expect(storyCount).toHaveText(counted(expected.length), { timeout: 20_000 })
  await expect(list.getByRole('option').first()).toBeVisible()
  const heading = page.getByRole('main', { name: 'Reading pane' }).getByRole('heading', { level: 1 })
  const option = (position: number) => list.locator(`[role="option"][aria-posinset="${position}"]`)
  const expectOpen = async (position: number): Promise<void> => {
    await expect(option(position)).toHaveAttribute('aria-selected', 'true')
    await expect(option(position)).toBeInViewport()
    await expect(heading).toHaveText((await option(position).locator('.card-option-title').textContent())!)
    await expect(list.locator('[aria-selected="true"]')).toHaveCount(1)
  }

  await page.keyboard.press('j')
  await expectOpen(1)
  await page.keyboard.press('j')
  await expectOpen(2)
  await page.keyboard.press('k')
  await expectOpen(1)
  await page.keyboard.press('k')
  await expectOpen(1)
  // Far enough down that the list must scroll to keep the open story in sight.
  for (let i = 0; i < 14; i++) await page.keyboard.press(i % 2 === 0 ? 'j' : 'ArrowDown')
  await expectOpen(15)
  await page.keyboard.press('ArrowUp')
  await expectOpen(14)

  // "Most covered" puts a story of the most outlets first; outlets>1 keeps the stories of several outlets.
  const most = Math.max(...expected.map((story) => story.outlets))
  await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Most covered' })
  await expect(option(1).locator('.story-outlets')).toHaveText(`${most} outlets`)
  await page.getByRole('searchbox').fill('outlets>1')
  await expect(storyCount).toHaveText(counted(expected.filter((story) => story.outlets > 1).length))
  await expect(option(1).locator('.story-outlets')).toHaveText(`${most} outlets`)
})
