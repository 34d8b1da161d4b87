import { rename } from 'node:fs/promises'
import type { APIRequestContext, Page } from '@playwright/test'
import type { Card } from '../src/shared/card'
import { test, expect, callHost, scanWithCli, type ImageServer, type TidingsHost } from './fixtures'

// The e2e tsconfig has no DOM lib; this is the part of HTMLImageElement the checks read.
interface ImageElement {
  complete: boolean
  naturalWidth: number
  src: string
}

test.use({ imagesFromServer: true })

/** The host caches every image the folder names; waits until none is pending, and checks none failed. */
async function waitUntilCached(request: APIRequestContext, tidings: TidingsHost): Promise<void> {
  await expect
    .poll(async () => {
      const status = await callHost(request, tidings, 'getImageStatus')
      return status.total > 0 && status.pending === 0
    }, { timeout: 20_000 })
    .toBe(true)
  const status = await callHost(request, tidings, 'getImageStatus')
  expect(status.failed).toBe(0)
  expect(status.cached).toBe(status.total)
}

/** Opens the card and checks that every image on the page decoded, and none came from the network. */
async function expectImagesShow(page: Page, card: Card, imageServer: ImageServer): Promise<void> {
  await page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: card.title }).first().click()
  const images = page.locator('img')
  await expect.poll(() => images.count()).toBeGreaterThanOrEqual(card.images.length)
  await expect
    .poll(() => images.evaluateAll((nodes: ImageElement[]) => nodes.map((node) => node.complete && node.naturalWidth > 0)))
    .not.toContain(false)
  const sources = await images.evaluateAll((nodes: ImageElement[]) => nodes.map((node) => node.src))
  for (const src of sources) expect(src.startsWith(imageServer.origin), `${src} comes from the cache, not the network`).toBe(false)
}

/** The folder's cards that name images, once the host has cached them all and the first is listed. */
async function cachedAndShown(page: Page, request: APIRequestContext, tidings: TidingsHost, cardFolder: string): Promise<Card[]> {
  const { cards } = await scanWithCli(cardFolder)
  const withImages = cards.filter((card) => card.images.length > 0)
  await waitUntilCached(request, tidings)
  await expect(page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: withImages[0].title }).first()).toBeVisible()
  return withImages
}

/** Runs `body` with the folder renamed away, as if its drive were unplugged, and puts it back. */
async function unplugged(folder: string, body: () => Promise<void>): Promise<void> {
  await rename(folder, `${folder}-unplugged`)
  try {
    await body()
  } finally {
    await rename(`${folder}-unplugged`, folder)
  }
}

test.describe('image cache: cached images show with the image server gone', () => {
  test('images cached through the host still show after the server stops', async ({ page, request, tidings, imageServer, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const withImages = cards.find((card) => card.images.length > 0)
    expect(withImages, 'a sample card with images').toBeDefined()

    await waitUntilCached(request, tidings)
    expect(imageServer.hits.size).toBeGreaterThan(0)

    await imageServer.stop()
    await page.reload()
    await expectImagesShow(page, withImages!, imageServer)
  })

  test('with the server gone and the folder unplugged, the open page still shows the cards and their images', async ({ page, request, tidings, imageServer, cardFolder }) => {
    const withImages = await cachedAndShown(page, request, tidings, cardFolder)
    await imageServer.stop()
    await unplugged(cardFolder, async () => {
      await expectImagesShow(page, withImages[1] ?? withImages[0], imageServer)
      await expectImagesShow(page, withImages[0], imageServer)
    })
  })

  // On a reload the last folder stays the one to open, unplugged or not: the page shows what IndexedDB holds.
  test('after a reload with the server gone and the folder unplugged, the cards and their images still show', async ({ page, request, tidings, imageServer, cardFolder }) => {
    const withImages = await cachedAndShown(page, request, tidings, cardFolder)
    await imageServer.stop()
    await unplugged(cardFolder, async () => {
      await page.reload()
      await expect(page.getByRole('status', { name: 'Library status' })).toContainText('Folder unavailable')
      await expectImagesShow(page, withImages[1] ?? withImages[0], imageServer)
    })
  })
})
