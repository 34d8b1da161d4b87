// A real HTTP server on 127.0.0.1 that misbehaves in every way the image cache must survive.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { gzipSync } from 'node:zlib'
import { AVIF, GIF, HTML, JPEG, PNG, SVG_WITH_SCRIPT, WEBP, pngOfSize } from './fixtures'

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void

export interface ImageServer {
  origin: string
  url(path: string): string
  /** How many requests a path has had. */
  hits(path: string): number
  /** Arrival time (epoch ms) of each request to a path. */
  arrivals(path: string): number[]
  /** Paths in the order they were requested. */
  log: string[]
  route(path: string, handler: Handler): void
  close(): Promise<void>
}

const image = (body: Buffer, type: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length })
  res.end(body)
}

/** Writes a raw HTTP response on the socket, so a header may lie. */
const raw = (head: string, body: Buffer): Handler => (req) => {
  req.socket.end(Buffer.concat([Buffer.from(head.replace(/\n/g, '\r\n') + '\r\n\r\n'), body]))
}

export const CAP_FOR_TESTS = 64 * 1024

export function defaultRoutes(slowMs: number): Record<string, Handler> {
  return {
    '/good.jpg': image(JPEG, 'image/jpeg'),
    '/good.png': image(PNG, 'image/png'),
    '/good.webp': image(WEBP, 'image/webp'),
    '/good.gif': image(GIF, 'image/gif'),
    '/good.avif': image(AVIF, 'image/avif'),
    '/jpeg-labelled-png': image(JPEG, 'image/png'),
    '/html-as-image': image(HTML, 'image/jpeg'),
    '/script.svg': image(SVG_WITH_SCRIPT, 'image/svg+xml'),
    '/svg-as-png': image(SVG_WITH_SCRIPT, 'image/png'),
    '/missing': (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not here')
    },
    '/flaky': (req, res, hit) => (hit === 1 ? (res.writeHead(500), res.end('oops')) : image(PNG, 'image/png')(req, res, hit)),
    '/always-500': (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' })
      res.end('down')
    },
    '/busy': (req, res, hit) => (hit === 1 ? (res.writeHead(429, { 'retry-after': '1' }), res.end()) : image(GIF, 'image/gif')(req, res, hit)),
    '/busy-for-an-hour': (_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' })
      res.end()
    },
    '/loop-a': (_req, res) => (res.writeHead(302, { location: '/loop-b' }), res.end()),
    '/loop-b': (_req, res) => (res.writeHead(302, { location: '/loop-a' }), res.end()),
    '/redirect-twice': (_req, res) => (res.writeHead(301, { location: '/redirect-once' }), res.end()),
    '/redirect-once': (_req, res) => (res.writeHead(307, { location: '/good.webp' }), res.end()),
    '/to-file': (_req, res) => (res.writeHead(302, { location: 'file:///etc/passwd' }), res.end()),
    '/to-data': (_req, res) => (res.writeHead(302, { location: `data:image/png;base64,${PNG.toString('base64')}` }), res.end()),
    // Chunked, then the socket is destroyed: fetch sees the connection drop.
    '/stops-halfway': (req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(pngOfSize(20_000).subarray(0, 10_000))
      setTimeout(() => req.socket.destroy(), 20)
    },
    // HTTP/1.0 without a length ends cleanly at close: only the image's own end can tell it is cut.
    '/stops-halfway-cleanly': raw('HTTP/1.0 200 OK\nContent-Type: image/png\nConnection: close', pngOfSize(20_000).subarray(0, 10_000)),
    // A trickle that never ends: never idle long enough to stall, so only the total timeout stops it.
    '/never-ends': (req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(PNG.subarray(0, 16))
      const timer = setInterval(() => res.write(Buffer.alloc(8, 1)), 20)
      req.socket.on('close', () => clearInterval(timer))
    },
    // Headers, a few bytes, then silence.
    '/stalls': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(PNG.subarray(0, 16))
    },
    '/slower-than-timeout': (req, res) => {
      const timer = setTimeout(() => image(PNG, 'image/png')(req, res, 1), slowMs)
      req.socket.on('close', () => clearTimeout(timer))
    },
    '/too-large': (_req, res) => {
      const body = pngOfSize(CAP_FOR_TESTS * 2)
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length })
      res.end(body)
    },
    // No Content-Length: the cap must hold while streaming.
    '/too-large-streamed': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(pngOfSize(CAP_FOR_TESTS * 2))
    },
    '/length-too-long': raw(`HTTP/1.1 200 OK\nContent-Type: image/png\nContent-Length: ${PNG.length + 500}\nConnection: close`, PNG),
    '/length-too-short': raw(`HTTP/1.1 200 OK\nContent-Type: image/png\nContent-Length: ${PNG.length - 20}\nConnection: close`, PNG),
    '/empty': image(Buffer.alloc(0), 'image/png'),
    // Content-Length is the compressed size; fetch decodes, so the lengths differ legitimately.
    '/gzipped': (_req, res) => {
      const body = gzipSync(pngOfSize(20_000))
      res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip', 'content-length': body.length })
      res.end(body)
    },
    // A few KB on the wire that decode past the cap.
    '/gzip-bomb': (_req, res) => {
      const body = gzipSync(pngOfSize(CAP_FOR_TESTS * 20, 0))
      res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip', 'content-length': body.length })
      res.end(body)
    }
  }
}

export async function startImageServer(options: { slowMs?: number } = {}): Promise<ImageServer> {
  const routes = new Map(Object.entries(defaultRoutes(options.slowMs ?? 2000)))
  const hitTimes = new Map<string, number[]>()
  const log: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const times = hitTimes.get(path) ?? []
    times.push(Date.now())
    hitTimes.set(path, times)
    log.push(path)
    const handler = routes.get(path)
    if (handler) return handler(req, res, times.length)
    res.writeHead(404)
    res.end()
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: (path) => origin + path,
    hits: (path) => hitTimes.get(path)?.length ?? 0,
    arrivals: (path) => hitTimes.get(path) ?? [],
    log,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
