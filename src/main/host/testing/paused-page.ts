// An event hub served over real HTTP to one page that has connected and then stopped reading, as a page
// busy storing does: what the host holds back can then be tested against real socket buffers.
import { createServer, get, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEventHub, type EventHub } from '../event-stream'

export interface PausedPage {
  hub: EventHub
  /** The page's end of the event stream, paused: call resume() to start reading. */
  client: IncomingMessage
  close(): Promise<void>
}

export async function startPausedPage(): Promise<PausedPage> {
  const hub = createEventHub()
  const server = createServer((req, res) => hub.attach(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const client = await new Promise<IncomingMessage>((resolve) => get({ host: '127.0.0.1', port, path: '/' }, resolve))
  client.pause()
  return {
    hub,
    client,
    async close() {
      client.destroy()
      hub.close()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
