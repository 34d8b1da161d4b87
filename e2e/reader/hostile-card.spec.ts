import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test, expect } from '../fixtures'
import { openCard, reader } from './reader'

// A card folder is untrusted: markup in any field must arrive as text, never as elements.
const HOSTILE = `---
title: "<img src=x onerror=window.__pwned=1> Harbour <b>lights</b> festival"
excerpt: "<script>window.__pwned=2</script> Lanterns on the water."
publishedDateTime: 2099-01-01T10:00:00Z
webUrl: "https://hostile.example/news/harbour-lights"
type: video
originalUrl: "javascript:window.__pwned=5"
featuredContent: "<iframe src=\\"https://evil.example/embed\\"></iframe>"
provider:
  name: "<i>Evil</i> Outlet"
  domain: hostile.example
topics:
  - "<u>Festivals</u>"
---

Raw HTML is dropped: <iframe src="https://evil.example/frame"></iframe>
<img src="https://evil.example/pixel.png" onerror="window.__pwned=3">

[a script link](javascript:window.__pwned=4) and [a real one](https://hostile.example/more).

![tracking pixel](https://evil.example/track.png)
`

test('markup in a card stays text, and nothing loads from the card’s URLs', async ({ page, cardFolder }) => {
  const remote: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('evil.example')) remote.push(request.url())
  })
  await writeFile(join(cardFolder, '2099-01-01-harbour-lights.md'), HOSTILE)
  const title = '<img src=x onerror=window.__pwned=1> Harbour <b>lights</b> festival'
  const ui = reader(page)
  await expect(ui.list.getByRole('option').first()).toBeVisible()
  await openCard(page, title)

  await expect(ui.heading).toHaveText(title)
  await expect(ui.readingPane).toContainText('<script>window.__pwned=2</script> Lanterns on the water.')
  await expect(ui.readingPane).toContainText('<i>Evil</i> Outlet')
  await expect(ui.readingPane.getByRole('navigation', { name: 'Topics' }).getByRole('button')).toHaveText('<u>Festivals</u>')
  await expect(ui.readingPane).toContainText('Raw HTML is dropped:')
  // The javascript: link is plain text; the https one is a link.
  await expect(ui.readingPane.getByRole('link', { name: 'a script link' })).toHaveCount(0)
  await expect(ui.readingPane.getByText('a script link')).toBeVisible()
  await expect(ui.readingPane.getByRole('link', { name: 'a real one' })).toHaveAttribute('href', 'https://hostile.example/more')
  // The video link passes over the javascript: original to the web page; the embed is never used.
  await expect(ui.readingPane.getByRole('link', { name: 'Open video' })).toHaveAttribute('href', 'https://hostile.example/news/harbour-lights')

  await expect(page.locator('iframe, script:not([src]), b, i, u')).toHaveCount(0)
  const sources = await page.locator('img').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { src: string }).src))
  expect(sources.filter((src) => src.includes('evil.example'))).toEqual([])
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()
  expect(remote).toEqual([])
})
