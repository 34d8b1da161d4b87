// The browser host's HTTP client against a real server on 127.0.0.1 speaking
// the protocol written at the top of src/renderer/src/api/http-client.ts.
// (The one renderer file that may use Node, for that server: see eslint.config.js and
// tsconfig.node.json, which type-check it instead of tsconfig.web.json.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FetchEventSource } from './fetch-event-source'
import { createHttpApi, type EventSourceConstructor } from './http-client'
import type { AppInfo, TidingsEvent } from '../../../shared/contract'

const TOKEN = 'secret-token-123'
const appInfo: AppInfo = { host: 'browser', version: '1.2.3', initialFolder: '/cards', recentFolders: [], settings: { imageCacheLimitBytes: 1000, allowPrivateImages: false } }

interface SeenCall {
  name: string
  token: string | undefined
  contentType: string | undefined
  body: unknown
}

let server: Server
let baseUrl: string
let seen: SeenCall[]
let streams: Set<ServerResponse>
let streamTokens: Array<string | null>

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    req.on('end', () => resolve(text))
  })
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname === '/api/events') {
    streamTokens.push(url.searchParams.get('token'))
    if (url.searchParams.get('token') !== TOKEN) return json(res, 401, { ok: false, error: 'Missing or wrong token' })
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
    res.write('retry: 50\n: connected\n\n')
    streams.add(res)
    res.on('close', () => streams.delete(res))
    return
  }
  const name = url.pathname.replace('/api/call/', '')
  const token = req.headers['x-tidings-token'] as string | undefined
  const text = await readBody(req)
  seen.push({ name, token, contentType: req.headers['content-type'], body: JSON.parse(text) })
  if (token !== TOKEN) return json(res, 401, { ok: false, error: 'Missing or wrong token' })
  const arg = (JSON.parse(text) as { arg: { folder?: string } | null }).arg
  switch (name) {
    case 'getAppInfo':
      return json(res, 200, { ok: true, result: appInfo })
    case 'openFolder':
      if (arg?.folder === '/missing') return json(res, 500, { ok: false, error: 'Cannot open folder /missing: no such folder' })
      return json(res, 200, { ok: true, result: { folder: arg?.folder, name: 'cards', available: true } })
    case 'recordMarks':
      return json(res, 200, { ok: true, result: null })
    default:
      res.writeHead(502, { 'Content-Type': 'text/html' })
      res.end('<h1>Bad gateway</h1>')
  }
}

function sendEvent(event: TidingsEvent): void {
  for (const res of streams) res.write(`data: ${JSON.stringify(event)}\n\n`)
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`gave up waiting for ${what}`)
}

beforeEach(async () => {
  seen = []
  streams = new Set()
  streamTokens = []
  server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('calls over HTTP', () => {
  it('posts {"arg": ...} with the token header and returns the result', async () => {
    const api = createHttpApi({ baseUrl, token: TOKEN })
    expect(await api.getAppInfo()).toEqual(appInfo)
    expect(await api.openFolder({ folder: '/cards/news' })).toEqual({ folder: '/cards/news', name: 'cards', available: true })
    expect(await api.recordMarks({ marks: [] })).toBeNull()
    expect(seen).toEqual([
      { name: 'getAppInfo', token: TOKEN, contentType: 'application/json', body: { arg: null } },
      { name: 'openFolder', token: TOKEN, contentType: 'application/json', body: { arg: { folder: '/cards/news' } } },
      { name: 'recordMarks', token: TOKEN, contentType: 'application/json', body: { arg: { marks: [] } } }
    ])
  })

  it('sends a mark so that it outlives the page (keepalive), unless the body is too big for keepalive', async () => {
    const keptAlive: Array<[string, boolean | undefined]> = []
    const recordingFetch: typeof fetch = (input, init) => {
      keptAlive.push([String(input).replace(`${baseUrl}/api/call/`, ''), init?.keepalive])
      return fetch(input, init)
    }
    const api = createHttpApi({ baseUrl, token: TOKEN, fetch: recordingFetch })
    const mark = { id: 'a', read: true, readAt: 1, starred: false, starredAt: null, updatedAt: 1 }
    await api.recordMarks({ marks: [mark] })
    await api.recordMarks({ marks: Array.from({ length: 2000 }, (_, n) => ({ ...mark, id: `card-${n}` })) })
    await api.getAppInfo()
    expect(keptAlive).toEqual([
      ['recordMarks', true],
      ['recordMarks', false],
      ['getAppInfo', false]
    ])
  })

  it("rejects with the server's message when a call fails", async () => {
    const api = createHttpApi({ baseUrl, token: TOKEN })
    await expect(api.openFolder({ folder: '/missing' })).rejects.toThrow('Cannot open folder /missing: no such folder')
  })

  it('rejects with the status when the answer is not the protocol', async () => {
    const api = createHttpApi({ baseUrl, token: TOKEN })
    await expect(api.loadMarks()).rejects.toThrow('loadMarks failed: HTTP 502')
  })

  it('rejects a wrong token with the reason', async () => {
    const api = createHttpApi({ baseUrl, token: 'wrong' })
    await expect(api.getAppInfo()).rejects.toThrow('Missing or wrong token')
  })

  it('says the host cannot be reached when nothing listens', async () => {
    const api = createHttpApi({ baseUrl: 'http://127.0.0.1:1', token: TOKEN })
    await expect(api.getAppInfo()).rejects.toThrow(/Cannot reach the Tidings host \(getAppInfo\)/)
  })
})

// Node 20 has no EventSource; undici (installed as a dependency of a dependency) has a standard one.
const undici = await import('undici').catch(() => null)
const NodeEventSource = (undici?.EventSource ?? null) as EventSourceConstructor | null

const eventSources: Array<[string, EventSourceConstructor | null]> = [
  ['undici EventSource', NodeEventSource],
  ['fetch stream, as the page reads it', FetchEventSource]
]

describe.each(eventSources)('events over server-sent events (%s)', (_name, Source) => {
  it.skipIf(!Source)('delivers each message as a TidingsEvent, and reports a reconnect after the stream drops', async () => {
    const api = createHttpApi({ baseUrl, token: TOKEN, EventSource: Source, reopenDelayMs: 50 })
    const received: TidingsEvent[] = []
    let reconnects = 0
    const stopEvents = api.onEvent((event) => received.push(event))
    api.onReconnect(() => reconnects++)
    await until(() => streams.size === 1, 'the event stream')
    expect(streamTokens).toEqual([TOKEN])

    const event: TidingsEvent = { type: 'sync-progress', folder: '/cards', phase: 'reading', done: 3, total: 10 }
    sendEvent(event)
    await until(() => received.length === 1, 'the first event')
    expect(received).toEqual([event])
    expect(reconnects).toBe(0)

    for (const stream of streams) stream.destroy()
    await until(() => reconnects === 1, 'the reconnect')
    sendEvent({ type: 'menu-command', command: 'focus-search' })
    await until(() => received.length === 2, 'an event after the reconnect')
    expect(received[1]).toEqual({ type: 'menu-command', command: 'focus-search' })
    stopEvents()
    api.close()
  })

  it.skipIf(!Source)('puts a heavy event back together from small pieces, with heartbeats and multi-byte text between', async () => {
    const api = createHttpApi({ baseUrl, token: TOKEN, EventSource: Source })
    const received: TidingsEvent[] = []
    api.onEvent((event) => received.push(event))
    await until(() => streams.size === 1, 'the event stream')
    const heavy: TidingsEvent = { type: 'watch-error', folder: '/cards', message: `Café “quoted” ${'é—'.repeat(150_000)}` }
    const frame = Buffer.from(`data: ${JSON.stringify(heavy)}\n\n: heartbeat\n\ndata: ${JSON.stringify({ type: 'menu-command', command: 'focus-search' })}\n\n`)
    const [stream] = streams
    // Pieces of 4,093 bytes cut through multi-byte characters and the frame's blank line.
    for (let at = 0; at < frame.length; at += 4093) {
      stream.write(frame.subarray(at, at + 4093))
      await new Promise((resolve) => setImmediate(resolve))
    }
    await until(() => received.length === 2, 'both events')
    expect(received[0]).toEqual(heavy)
    expect(received[1]).toEqual({ type: 'menu-command', command: 'focus-search' })
    api.close()
  })

  it.skipIf(!Source)('opens the stream again after the host refused it', async () => {
    const api = createHttpApi({ baseUrl, token: 'wrong', EventSource: Source, reopenDelayMs: 20 })
    api.onEvent(() => {})
    await until(() => streamTokens.length >= 2, 'a second attempt')
    expect(streamTokens.slice(0, 2)).toEqual(['wrong', 'wrong'])
    api.close()
  })
})
