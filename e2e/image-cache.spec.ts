import { test, expect, callHost, scanWithCli } from './fixtures'

// The e2e tsconfig has no DOM lib; this is the part of HTMLImageElement the checks read.
interface ImageElement {
  complete: boolean
  naturalWidth: number
  src: string
}

test.use({ imagesFromServer: true })

test.describe('image cache: cached images show with the image server gone', () => {
  test('images cached through the host still show after the server stops', async ({ page, request, tidings, imageServer, cardFolder }) => {
    const { cards } = await scanWithCli(cardFolder)
    const withImages = cards.find((card) => card.images.length > 0)
    expect(withImages, 'a sample card with images').toBeDefined()

    // The host caches every image the folder names; wait until none is left pending.
    await expect
      .poll(async () => {
        const status = await callHost(request, tidings, 'getImageStatus')
        return status.total > 0 && status.pending === 0 && status.cached > 0 ? status.cached : 0
      }, { timeout: 20_000 })
      .toBeGreaterThan(0)
    expect([...imageServer.hits.keys()].length).toBeGreaterThan(0)

    await imageServer.stop()
    await page.reload()
    await page.getByRole('listbox', { name: 'Cards' }).getByRole('option', { name: withImages!.title }).first().click()

    const images = page.locator('img')
    await expect.poll(() => images.count()).toBeGreaterThan(0)
    await expect
      .poll(() => images.evaluateAll((nodes: ImageElement[]) => nodes.map((node) => node.complete && node.naturalWidth > 0)))
      .not.toContain(false)
    const sources = await images.evaluateAll((nodes: ImageElement[]) => nodes.map((node) => node.src))
    for (const src of sources) expect(src.startsWith(imageServer.origin), `${src} comes from the cache, not the network`).toBe(false)
  })
})
