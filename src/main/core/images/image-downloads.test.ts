import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImageResolution } from '../../../shared/contract'
import { hashOfUrl } from './hash'
import type { ImageService } from './image-service'
import { auditCache } from './testing/cache-audit'
import { AVIF, GIF, JPEG, PNG, WEBP } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { srcFor, tempDir, testService } from './testing/service-harness'

// Every way a server can answer, each ending in one clear state.
const EXPECTED: Record<string, { state: 'cached'; mime: string; body?: Buffer; hits?: number } | { state: 'failed'; reason: string | string[]; hits?: number }> = {
  '/good.jpg': { state: 'cached', mime: 'image/jpeg', body: JPEG, hits: 1 },
  '/good.png': { state: 'cached', mime: 'image/png', body: PNG },
  '/good.webp': { state: 'cached', mime: 'image/webp', body: WEBP },
  '/good.gif': { state: 'cached', mime: 'image/gif', body: GIF },
  '/good.avif': { state: 'cached', mime: 'image/avif', body: AVIF },
  '/jpeg-labelled-png': { state: 'cached', mime: 'image/jpeg', body: JPEG },
  '/html-as-image': { state: 'failed', reason: 'refused-type', hits: 1 },
  '/script.svg': { state: 'failed', reason: 'refused-type', hits: 1 },
  '/svg-as-png': { state: 'failed', reason: 'refused-type', hits: 1 },
  '/missing': { state: 'failed', reason: 'http-404', hits: 1 },
  '/flaky': { state: 'cached', mime: 'image/png', hits: 2 },
  '/always-500': { state: 'failed', reason: 'http-503', hits: 2 },
  '/busy': { state: 'cached', mime: 'image/gif', hits: 2 },
  '/busy-for-an-hour': { state: 'failed', reason: 'http-429', hits: 1 },
  '/loop-a': { state: 'failed', reason: 'too-many-redirects' },
  '/redirect-twice': { state: 'cached', mime: 'image/webp', body: WEBP },
  '/to-file': { state: 'failed', reason: 'bad-redirect', hits: 1 },
  '/to-data': { state: 'failed', reason: 'bad-redirect', hits: 1 },
  '/stops-halfway': { state: 'failed', reason: ['network', 'truncated'], hits: 2 },
  '/stops-halfway-cleanly': { state: 'failed', reason: 'truncated', hits: 2 },
  '/never-ends': { state: 'failed', reason: 'timeout', hits: 2 },
  '/stalls': { state: 'failed', reason: 'stalled', hits: 2 },
  '/slower-than-timeout': { state: 'failed', reason: 'connect-timeout', hits: 2 },
  '/too-large': { state: 'failed', reason: 'too-large', hits: 1 },
  '/too-large-streamed': { state: 'failed', reason: 'too-large', hits: 1 },
  '/length-too-long': { state: 'failed', reason: ['network', 'truncated'], hits: 2 },
  '/length-too-short': { state: 'failed', reason: 'truncated', hits: 2 },
  '/empty': { state: 'failed', reason: 'empty', hits: 1 },
  '/gzipped': { state: 'cached', mime: 'image/png', hits: 1 },
  '/gzip-bomb': { state: 'failed', reason: 'too-large', hits: 1 }
}
function detailsAsResolution(service: ImageService, url: string): ImageResolution {
  const details = service.inspect(url)
  if (!details) throw new Error(`${url} unknown`)
  return { url, state: details.state, src: details.state === 'cached' ? srcFor(details.hash) : null, reason: details.reason }
}

const NOT_HTTP = ['file:///etc/passwd', 'data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)', 'ftp://example.org/a.png', '/relative/a.png', 'http://user:pw@127.0.0.1/a.png']

describe('downloading every kind of answer', () => {
  let server: ImageServer
  let dir: Awaited<ReturnType<typeof tempDir>>
  let service: ImageService
  const ready: ImageResolution[][] = []
  let final: Map<string, ImageResolution>
  let startedAt: number

  beforeAll(async () => {
    server = await startImageServer({ slowMs: 2500 })
    dir = await tempDir()
    // Enough slots that the slow cases do not queue behind one another.
    service = testService(dir.path, { concurrency: 32, perHost: 32 })
    service.onReady((items) => ready.push(items))
    const urls = [...Object.keys(EXPECTED).map((path) => server.url(path)), ...NOT_HTTP]
    startedAt = Date.now()
    const first = await service.resolve(urls, 'background')
    expect(first.filter((r) => r.state === 'pending')).toHaveLength(Object.keys(EXPECTED).length)
    await service.whenIdle()
    // Read without resolving again: resolve would retry the failures whose (test-short) backoff is over.
    final = new Map(urls.map((url) => [url, detailsAsResolution(service, url)]))
  }, 30_000)

  afterAll(async () => {
    await service.close()
    await server.close()
    await dir.remove()
  })

  for (const [path, expected] of Object.entries(EXPECTED)) {
    it(`${path} ends ${expected.state}${expected.state === 'failed' ? ` (${expected.reason})` : ''}`, async () => {
      const url = server.url(path)
      const result = final.get(url)!
      expect(result.state).toBe(expected.state)
      if (expected.hits !== undefined) expect(server.hits(path)).toBe(expected.hits)
      if (expected.state === 'cached') {
        expect(result.src).toBe(srcFor(hashOfUrl(url)))
        const found = await service.lookup(hashOfUrl(url))
        expect(found?.mime).toBe(expected.mime)
        if (expected.body) expect(await readFile(found!.filePath)).toEqual(expected.body)
      } else {
        expect(result.src).toBeNull()
        expect([expected.reason].flat()).toContain(result.reason)
        expect(await service.lookup(hashOfUrl(url))).toBeNull()
        expect(service.inspect(url)?.detail).toBeTruthy()
      }
    })
  }

  it('refuses URLs that are not http(s) without a request', () => {
    for (const url of NOT_HTTP) expect(final.get(url)).toMatchObject({ state: 'failed', reason: 'unsupported-url', src: null })
  })

  it('waits as long as Retry-After asks before trying again', () => {
    const [first, second] = server.arrivals('/busy')
    expect(second - first).toBeGreaterThanOrEqual(950)
  })

  it('does not keep retrying a 429 that asks for an hour, and says when it will', () => {
    expect(service.inspect(server.url('/busy-for-an-hour'))?.retryAt).toBeGreaterThanOrEqual(startedAt + 3_590_000)
  })

  it('follows at most 5 redirects', () => {
    expect(server.hits('/loop-a') + server.hits('/loop-b')).toBe(6)
  })

  it('announces every settled image through onReady, in batches', () => {
    const announced = new Map(ready.flat().map((r) => [r.url, r.state]))
    for (const [path, expected] of Object.entries(EXPECTED)) expect(announced.get(server.url(path))).toBe(expected.state)
    expect(ready.length).toBeLessThan(Object.keys(EXPECTED).length)
  })

  it('leaves only complete, allowed images in the cache folder, each matching the index', async () => {
    await service.whenIdle()
    const audit = await auditCache(dir.path)
    expect(audit.problems).toEqual([])
    expect(audit.strays).toEqual([])
    const cachedCount = Object.values(EXPECTED).filter((e) => e.state === 'cached').length
    expect(audit.files).toHaveLength(cachedCount)
  })
})
