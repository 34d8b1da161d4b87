import { afterEach, describe, expect, it } from 'vitest'
import { createServer, get, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TidingsEvent } from '../../shared/contract'
import { createEventHub } from './event-stream'
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

describe('event hub frames', () => {
  it('sends every connected page the same event, its text intact', async () => {
    const hub = createEventHub()
    const server = createServer((req, res) => hub.attach(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const pages = await Promise.all(
      [0, 1].map(() => new Promise<IncomingMessage>((resolve) => get({ host: '127.0.0.1', port, path: '/' }, resolve)))
    )
    const received = pages.map((page) => {
      const chunks: Buffer[] = []
      page.on('data', (chunk: Buffer) => chunks.push(chunk))
      return chunks
    })
    await until(() => hub.clientCount() === 2)
    const message = 'Don’t miss “this” – ünïcödé ✓'
    hub.emit({ type: 'watch-error', folder: '/cards', message })
    const opening = 'retry: 1000\n: connected\n\ndata: '
    await until(() => received.every((chunks) => Buffer.concat(chunks).toString('utf8').endsWith('\n\n') && Buffer.concat(chunks).length > opening.length + 2))
    for (const chunks of received) {
      const text = Buffer.concat(chunks).toString('utf8')
      expect(text.startsWith(opening)).toBe(true)
      expect(JSON.parse(text.slice(opening.length, -2))).toEqual({ type: 'watch-error', folder: '/cards', message })
    }
    for (const page of pages) page.destroy()
    hub.close()
    await new Promise((resolve) => server.close(resolve))
  })
})

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(check()).toBe(true)
}
