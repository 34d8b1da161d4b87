import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { callArgProblem } from '../../shared/call-args'
import { CALL_NAMES, type CallName, type FirstCards, type TidingsCalls } from '../../shared/contract'
import { isCacheHash } from '../core/images/hash'
import type { CachedImage } from '../core/images/image-service'
import type { EventHub } from './event-stream'
import { guardRequest } from './request-guard'
import { sendJson, sendText, setSecurityHeaders } from './security-headers'
import { contentTypeFor, resolveStaticFile, sendFile } from './static-files'
import { withFirstCards } from './page-first-cards'
import { tokensMatch } from './token'
import { messageOf } from '../../shared/errors'

/** A cached image file, as the image service's lookup(hash) finds it. */
export type CachedImageFile = Pick<CachedImage, 'filePath' | 'mime'>

export interface HostServerOptions {
  /** The built renderer (out/renderer). Nothing outside it is ever served. */
  rendererDir: string
  token: string
  calls: TidingsCalls
  events: EventHub
  lookupImage(hash: string): Promise<CachedImageFile | null>
  /** The first cards to write into the page, undefined when not read yet (see page-first-cards.ts). */
  firstCardsForPage?(): Promise<FirstCards | null | undefined>
  /** 0 picks a free port. */
  port?: number
  /** Largest call body accepted; a 100k-file manifest is about 20 MB. */
  maxBodyBytes?: number
}

export interface HostServer {
  url: string
  port: number
  server: Server
  close(): Promise<void>
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024
const CALL_PREFIX = '/api/call/'
const IMAGE_PREFIX = '/image/'
const callNames = new Set<string>(CALL_NAMES)
/**
 * The bundler names the page's scripts and styles by a hash of their content (`assets/index-Ct8-EW73.js`):
 * such a URL never changes meaning, so the browser keeps it, and on a restart reads it (and V8's compiled
 * code for it) from its cache instead of fetching and compiling ~1 MB before the first rows.
 */
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8}\.(?:js|css)$/
const FOREVER = 'public, max-age=31536000, immutable'

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0')
    if (declared > limit) return reject(new HttpError(413, `Request body over ${limit} bytes`))
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        // Drain the rest without keeping it, so the 413 can still be answered.
        req.removeAllListeners('data')
        req.resume()
        reject(new HttpError(413, `Request body over ${limit} bytes`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseCallArg(body: Buffer): unknown {
  if (body.length === 0) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpError(400, 'Body is not JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'Body must be {"arg": ...}')
  const arg = (parsed as { arg?: unknown }).arg ?? null
  if (arg !== null && (typeof arg !== 'object' || Array.isArray(arg))) throw new HttpError(400, 'arg must be an object or null')
  return arg
}


export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { rendererDir, token, calls, events, lookupImage } = options
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  let port = 0

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!callNames.has(name)) return sendJson(res, 404, { ok: false, error: `Unknown call: ${name}` })
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'Calls are POST' })
    if (!tokensMatch(token, headerValue(req.headers['x-tidings-token']))) return sendJson(res, 401, { ok: false, error: 'Missing or wrong token' })
    const arg = parseCallArg(await readBody(req, maxBody))
    const problem = callArgProblem(name as CallName, arg)
    if (problem) return sendJson(res, 400, { ok: false, error: `${name}: ${problem}` })
    const handler = calls[name as CallName] as (arg?: unknown) => Promise<unknown>
    try {
      const result = await handler.call(calls, arg ?? undefined)
      sendJson(res, 200, { ok: true, result: result ?? null })
    } catch (error) {
      sendJson(res, 500, { ok: false, error: messageOf(error) })
    }
  }

  async function handleImage(res: ServerResponse, hash: string): Promise<void> {
    const image = isCacheHash(hash) ? await lookupImage(hash) : null
    if (!image) return sendText(res, 404, 'Not cached')
    // Token-bound URLs change every run; no-store keeps "the host has it" honest.
    await sendFile(res, image.filePath, image.mime, 'no-store').catch(() => sendText(res, 404, 'Not cached'))
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed')
    const file = await resolveStaticFile(rendererDir, pathname)
    // Browsers ask for a favicon on their own; an empty answer keeps their console clean.
    if (!file && pathname === '/favicon.ico') return void res.writeHead(204, { 'Cache-Control': 'no-cache' }).end()
    if (!file) return sendText(res, 404, 'Not found')
    const isPage = file.endsWith('.html')
    if (isPage && !tokensMatch(token, query.get('token'))) {
      return sendText(res, 401, 'Open the full URL printed by `tidings serve`: it carries the access token.')
    }
    const first = isPage && req.method === 'GET' ? await options.firstCardsForPage?.() : undefined
    if (first !== undefined) {
      const page = Buffer.from(withFirstCards(await readFile(file, 'utf8'), first))
      res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Content-Length': page.length, 'Cache-Control': 'no-store' })
      return void res.end(page)
    }
    await sendFile(res, file, contentTypeFor(file), isPage ? 'no-store' : HASHED_ASSET.test(pathname) ? FOREVER : 'no-cache')
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res)
    const verdict = guardRequest(req, port)
    if (!verdict.ok) return sendText(res, verdict.status, verdict.reason)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const { pathname, searchParams } = url
    if (pathname.startsWith(CALL_PREFIX)) return handleCall(req, res, pathname.slice(CALL_PREFIX.length))
    if (pathname === '/api/events' || pathname.startsWith(IMAGE_PREFIX)) {
      if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed')
      if (!tokensMatch(token, searchParams.get('token'))) return sendText(res, 401, 'Missing or wrong token')
      if (pathname === '/api/events') return events.attach(req, res)
      return handleImage(res, pathname.slice(IMAGE_PREFIX.length))
    }
    if (pathname.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: 'Not found' })
    return handleStatic(req, res, pathname, searchParams)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy()
      const status = error instanceof HttpError ? error.status : 500
      if (req.url?.startsWith('/api/')) sendJson(res, status, { ok: false, error: messageOf(error) })
      else sendText(res, status, messageOf(error))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        events.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
