import { createServer, get, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { TidingsEvent } from '../../shared/contract'
import { createEventHub, type EventHub } from './event-stream'

describe('event hub backpressure', () => {
  let server: Server
  let hub: EventHub
  let client: IncomingMessage | null = null

  afterEach(async () => {
    client?.destroy()
    hub.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('holds drained() back while a page is not reading its events, and lets it go once it does', async () => {
    hub = createEventHub()
    server = createServer((req, res) => hub.attach(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    client = await new Promise<IncomingMessage>((resolve) => get({ host: '127.0.0.1', port, path: '/' }, resolve))
    client.pause()
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
