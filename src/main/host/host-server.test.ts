import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppInfo, TidingsCalls, TidingsEvent } from '../../shared/contract'
import { createEventHub, type EventHub } from './event-stream'
import { startHostServer, type HostServer } from './host-server'
import { createToken } from './token'

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

function send(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...init.headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

const CACHED_HASH = 'ab'.repeat(32)
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

function callsFor(opened: string[]): TidingsCalls {
  const info: AppInfo = { host: 'browser', version: '0.0.0-test', initialFolder: null, recentFolders: [], settings: { imageCacheLimitBytes: 1, allowPrivateImages: false } }
  return {
    getAppInfo: async () => info,
    getFirstCards: async () => null,
    openFolder: async ({ folder }) => {
      if (folder === '/missing') throw new Error('Cannot open folder /missing: it does not exist')
      opened.push(folder)
      return { folder, name: 'cards', available: true }
    },
    chooseFolder: async () => null,
    syncFolder: async ({ folder }) => ({ folder, cards: 0, files: 0, errors: 0, parsed: 0, unchanged: 0, removed: 0, durationMs: 0, lastSeq: null }),
    getCard: async () => ({ state: 'removed' }),
    savedUpTo: async () => undefined,
    recordMarks: async () => undefined,
    loadMarks: async () => [],
    resolveImages: async () => [],
    getImageStatus: async () => ({ folder: null, total: 0, cached: 0, failed: 0, pending: 0 }),
    updateSettings: async () => info.settings,
    getMarksSync: async ({ folder }) => ({ folder, enabled: false, deviceId: 'd', deviceName: 'test', devices: [], warning: null, error: null }),
    setMarksSync: async ({ folder }) => ({ folder, enabled: true, deviceId: 'd', deviceName: 'test', devices: [], warning: null, error: null }),
    openExternal: async () => false
  }
}

describe('browser host server', () => {
  let root: string
  let token: string
  let hub: EventHub
  let host: HostServer
  let opened: string[]

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tidings-host-'))
    const rendererDir = join(root, 'renderer')
    await mkdir(join(rendererDir, 'assets'), { recursive: true })
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Tidings</title>')
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
    await writeFile(join(rendererDir, 'assets', 'index-Ct8-EW73.js'), 'console.log("hashed")')
    await writeFile(join(root, 'secret.txt'), 'do not serve me')
    await writeFile(join(root, 'cached.img'), PNG_1X1)
    token = createToken()
    hub = createEventHub()
    opened = []
    host = await startHostServer({
      rendererDir,
      token,
      calls: callsFor(opened),
      events: hub,
      lookupImage: async (hash) => (hash === CACHED_HASH ? { filePath: join(root, 'cached.img'), mime: 'image/png' } : null),
      maxBodyBytes: 1024
    })
  })

  afterEach(async () => {
    await host.close()
    await rm(root, { recursive: true, force: true })
  })

  const call = (name: string, arg: unknown, headers: Record<string, string> = { 'x-tidings-token': token }): Promise<Reply> =>
    send(host.port, `/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ arg }) })

  it('prints a tokenised URL on 127.0.0.1', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('round-trips a call with its argument and result', async () => {
    const reply = await call('openFolder', { folder: '/cards' })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, result: { folder: '/cards', name: 'cards', available: true } })
    expect(opened).toEqual(['/cards'])
    expect(reply.headers['cache-control']).toBe('no-store')
  })

  it('turns a void result into null and a rejection into a clear error', async () => {
    expect(JSON.parse((await call('recordMarks', { marks: [] })).body)).toEqual({ ok: true, result: null })
    const failed = await call('openFolder', { folder: '/missing' })
    expect(failed.status).toBe(500)
    expect(JSON.parse(failed.body)).toEqual({ ok: false, error: 'Cannot open folder /missing: it does not exist' })
  })

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await call('getAppInfo', null, {})).status).toBe(401)
    expect((await call('getAppInfo', null, { 'x-tidings-token': createToken() })).status).toBe(401)
    expect(opened).toEqual([])
  })

  it('answers 404 for a call name outside the contract', async () => {
    const reply = await call('constructor', null)
    expect(reply.status).toBe(404)
    expect(JSON.parse(reply.body).ok).toBe(false)
    expect((await call('__proto__', null)).status).toBe(404)
  })

  it('refuses malformed and oversized bodies', async () => {
    const bad = await send(host.port, '/api/call/openFolder', { method: 'POST', headers: { 'x-tidings-token': token }, body: '{nope' })
    expect(bad.status).toBe(400)
    const big = await call('openFolder', { folder: 'x'.repeat(4096) })
    expect(big.status).toBe(413)
    expect(opened).toEqual([])
  })

  it('answers 400 naming the call and the problem for a bad argument, and never runs the call', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['syncFolder', null, 'syncFolder: wants an object {folder, manifest}, got null'],
      ['syncFolder', { folder: '/cards', manifest: [{ path: 'a.md' }] }, 'syncFolder: manifest [0] is not a manifest entry'],
      ['openFolder', { folder: 42 }, 'openFolder: folder must be a non-empty string, got 42'],
      ['recordMarks', { marks: 'all' }, 'recordMarks: marks must be a list'],
      ['resolveImages', { urls: ['a'], priority: 'now' }, 'resolveImages: priority must be "visible" or "background"'],
      ['updateSettings', { imageCacheLimitBytes: -1 }, 'updateSettings: imageCacheLimitBytes cannot be -1'],
      ['getAppInfo', { folder: '/x' }, 'getAppInfo: takes no argument']
    ]
    for (const [name, arg, message] of cases) {
      const reply = await call(name, arg)
      expect(reply.status, name).toBe(400)
      expect(JSON.parse(reply.body).error).toContain(message)
    }
    expect(opened).toEqual([])
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await call('getAppInfo', null, { 'x-tidings-token': token, host: `evil.example:${host.port}` })
    expect(reply.status).toBe(403)
    expect((await send(host.port, `/?token=${token}`, { headers: { host: 'evil.example' } })).status).toBe(403)
  })

  it('accepts localhost and refuses a foreign or cross-site Origin', async () => {
    const local = await call('getAppInfo', null, { 'x-tidings-token': token, host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` })
    expect(local.status).toBe(200)
    expect((await call('getAppInfo', null, { 'x-tidings-token': token, origin: 'http://evil.example' })).status).toBe(403)
    expect((await call('getAppInfo', null, { 'x-tidings-token': token, origin: `http://localhost:${host.port}` })).status).toBe(403)
    expect((await call('getAppInfo', null, { 'x-tidings-token': token, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
  })

  it('serves the page only with the token, with security headers', async () => {
    expect((await send(host.port, '/')).status).toBe(401)
    const page = await send(host.port, `/?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Tidings</title>')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval|https?:/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    const script = await send(host.port, '/assets/app.js')
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('lets the browser keep a script named by its content hash, and asks again for any other file', async () => {
    const hashed = await send(host.port, '/assets/index-Ct8-EW73.js')
    expect(hashed.body).toBe('console.log("hashed")')
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await send(host.port, '/assets/app.js')).headers['cache-control']).toBe('no-cache')
    expect((await send(host.port, `/?token=${token}`)).headers['cache-control']).toBe('no-store')
  })

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c%2e%2e%5csecret.txt', '/..%00/secret.txt', '/%E0%A4%A']) {
      const reply = await send(host.port, path)
      expect(reply.status, path).toBe(404)
      expect(reply.body).not.toContain('do not serve me')
    }
  })

  it('delivers events over server-sent events, only with the token', async () => {
    expect((await send(host.port, '/api/events')).status).toBe(401)
    const event: TidingsEvent = { type: 'folder-status', folder: '/cards', available: false, reason: 'unplugged' }
    const syncMayStart = hub.waitForClient(5_000)
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          if (text.includes(': connected')) hub.emit(event)
          const frame = text.split('\n\n').find((part) => part.startsWith('data: '))
          if (frame) {
            req.destroy()
            resolve(frame.slice('data: '.length))
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(received)).toEqual(event)
    expect(await syncMayStart).toBe(true)
  })

  it('serves a cached image with its sniffed type and nosniff, 404 otherwise', async () => {
    const image = await send(host.port, `/image/${CACHED_HASH}?token=${token}`)
    expect(image.status).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.headers['x-content-type-options']).toBe('nosniff')
    expect(Number(image.headers['content-length'])).toBe(PNG_1X1.length)
    expect((await send(host.port, `/image/${'0'.repeat(64)}?token=${token}`)).status).toBe(404)
    expect((await send(host.port, `/image/..%2fsecret.txt?token=${token}`)).status).toBe(404)
    expect((await send(host.port, `/image/${CACHED_HASH}`)).status).toBe(401)
  })
})

describe('event hub', () => {
  it('gives up waiting for a client after the timeout', async () => {
    const hub = createEventHub()
    expect(await hub.waitForClient(20)).toBe(false)
    hub.close()
  })
})
