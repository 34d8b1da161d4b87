import { afterEach, describe, expect, it } from 'vitest'
import type { TidingsEvent } from '../../shared/contract'
import { startPausedPage, type PausedPage } from './testing/paused-page'

describe('event hub backpressure', () => {
  let page: PausedPage | null = null

  afterEach(async () => {
    await page?.close()
    page = null
  })

  it('holds drained() back while a page is not reading its events, and lets it go once it does', async () => {
    page = await startPausedPage()
    const { hub, client } = page
    await expect(hub.drained()).resolves.toBeUndefined()

    // Far more than the socket buffers hold: the rest waits in this process until the page reads.
    const event: TidingsEvent = { type: 'watch-error', folder: '/cards', message: 'x'.repeat(1024 * 1024) }
    for (let i = 0; i < 40; i++) hub.emit(event)
    let drained = false
    const draining = hub.drained().then(() => (drained = true))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(drained).toBe(false)

    client.on('data', () => undefined)
    client.resume()
    await draining
    expect(drained).toBe(true)
  })
})
