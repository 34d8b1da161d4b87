// The Stories list and `tidings stories` name the same stories (issue 15): the
// page clusters cards as the sync streams them in, the command clusters the
// whole folder at once, and after the sync the two must agree.
import { join } from 'node:path'
import { REPO_ROOT, scanWithCli, storiesOf, test, expect } from './fixtures'
import { exactly, reader } from './reader/reader'

test.use({ cardSource: join(REPO_ROOT, '..', 'shared', 'cards', 'related-heavy'), viewport: { width: 1440, height: 900 } })

test('After the sync, the Stories list holds as many stories as `tidings stories`, and each story of several cards has the same cards', async ({ page, cardFolder }) => {
  // 620 heavy cards to sync, then one search per story, on a shared 2-core machine.
  test.slow()
  const [stories, scan] = await Promise.all([storiesOf(cardFolder), scanWithCli(cardFolder)])
  const several = stories.filter((story) => story.cards.length > 1)
  expect(several.length, 'the folder holds stories of several cards').toBeGreaterThan(0)
  // A story lists a card's copies too: count each card once, by the file that won.
  const cardOfPath = new Map(scan.cards.flatMap((card) => [card.path, ...card.aliases].map((path) => [path, card] as const)))

  const ui = reader(page)
  await expect(ui.status).toContainText('Ready', { timeout: 90_000 })
  await page.getByRole('radio', { name: 'Stories' }).click()
  const storyCount = page.getByRole('region', { name: 'Card list' }).getByText(/^\d[\d,]* stor(y|ies)$/)
  // The worker re-clusters once the sync has ended: give its reply time to arrive.
  await expect(storyCount).toHaveText(`${stories.length.toLocaleString('en-US')} stories`, { timeout: 20_000 })

  await page.getByRole('radio', { name: 'Cards' }).click()
  for (const story of several) {
    const titles = [...new Set(story.cards.map((path) => cardOfPath.get(path)!))].map((card) => card.title)
    await ui.search.fill(`story:${story.id}`)
    await expect(ui.list.getByRole('option'), `story ${story.id}: ${titles.join(' / ')}`).toHaveCount(titles.length)
    for (const title of new Set(titles)) await expect(ui.option(exactly(title))).toHaveCount(titles.filter((each) => each === title).length)
  }
})
