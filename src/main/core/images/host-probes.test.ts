import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { PNG } from './testing/fixtures'
import { makeCard } from './testing/service-harness'
import { useImageFixture } from './testing/service-fixture'

const sendPng = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'image/png' })
  res.end(PNG)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out')
    await sleep(5)
  }
}

describe('a host that is down, then back', () => {
  const images = useImageFixture()

  it('is probed with one image per down period, then gives every image once', async () => {
    let down = true
    let attempts = 0
    // As on a plane: no request reaches the server, none gets an answer.
    const plane: typeof fetch = (input, init) => {
      attempts++
      return down ? Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') })) : fetch(input, init)
    }
    images.open({ fetch: plane, hostHealth: { firstDownMs: 100, maxDownMs: 200 } })
    const paths = Array.from({ length: 40 }, (_, i) => `/image-${i}.png`)
    for (const path of paths) images.server.route(path, sendPng)
    const urls = paths.map((path) => images.server.url(path))
    images.service.track('/f', [makeCard({ id: 'a', images: urls })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 40, failed: 40 })

    // Several down periods go by: each tries one image, the others are not touched again.
    const triedBefore = urls.map((url) => images.service.inspect(url)!.attempts)
    const attemptsBefore = attempts
    await sleep(700)
    const retried = urls.filter((url, i) => images.service.inspect(url)!.attempts !== triedBefore[i])
    expect(attempts - attemptsBefore).toBeGreaterThan(0)
    expect(attempts - attemptsBefore).toBeLessThanOrEqual(6)
    expect(retried.length).toBeLessThanOrEqual(6)
    expect(images.service.status()).toMatchObject({ total: 40, failed: 40 })

    down = false
    await until(() => images.service.status().cached === 40)
    expect(paths.map((path) => images.server.hits(path))).toEqual(paths.map(() => 1))
  })

  it('after a restart, still down: one probe, not every image again', async () => {
    let down = true
    let attempts = 0
    const plane: typeof fetch = (input, init) => {
      attempts++
      return down ? Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') })) : fetch(input, init)
    }
    const paths = Array.from({ length: 40 }, (_, i) => `/image-${i}.png`)
    for (const path of paths) images.server.route(path, sendPng)
    const urls = paths.map((path) => images.server.url(path))
    images.open({ fetch: plane, hostHealth: { firstDownMs: 50, maxDownMs: 50 } })
    images.service.track('/f', [makeCard({ id: 'a', images: urls })], [])
    await images.service.whenIdle()
    await sleep(60)

    await images.reopen({ fetch: plane, hostHealth: { firstDownMs: 300, maxDownMs: 300 } })
    const attemptsBefore = attempts
    await images.service.restoreFolder('/f')
    await sleep(200)
    expect(images.service.status()).toMatchObject({ total: 40, failed: 40 })
    expect(attempts - attemptsBefore).toBe(1)

    down = false
    await until(() => images.service.status().cached === 40)
    expect(paths.map((path) => images.server.hits(path))).toEqual(paths.map(() => 1))
  })

  it('sends the image the user looks at as the probe', async () => {
    let down = true
    const asked: string[] = []
    const plane: typeof fetch = (input, init) => {
      asked.push(String(input))
      return down ? Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') })) : fetch(input, init)
    }
    const paths = Array.from({ length: 40 }, (_, i) => `/image-${i}.png`)
    for (const path of paths) images.server.route(path, sendPng)
    const urls = paths.map((path) => images.server.url(path))
    images.open({ fetch: plane, hostHealth: { firstDownMs: 300, maxDownMs: 300 } })
    images.service.track('/f', [makeCard({ id: 'a', images: urls })], [])
    await images.service.whenIdle()
    const [seen] = await images.service.resolve([urls[30]], 'visible')
    expect(seen.state).toBe('failed')
    const askedBefore = asked.length
    down = false
    await until(() => asked.length > askedBefore)
    expect(asked[askedBefore]).toBe(urls[30])
    await until(() => images.service.status().cached === 40)
  })
  it('fails a newly queued image of a host known down at once, without a request, and fetches it once the host answers', async () => {
    let down = true
    let requests = 0
    // The host stops answering; later the server answers again, but only a probe may find that out.
    const plane: typeof fetch = (input, init) => {
      requests++
      return down ? Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') })) : fetch(input, init)
    }
    const paths = Array.from({ length: 20 }, (_, i) => `/image-${i}.png`)
    for (const path of paths) images.server.route(path, sendPng)
    const urls = paths.map((path) => images.server.url(path))
    images.open({ fetch: plane, hostHealth: { firstDownMs: 400, maxDownMs: 400 } })
    images.service.track('/f', [makeCard({ id: 'a', images: urls.slice(0, 10) })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 10, failed: 10 })

    down = false
    const requestsBefore = requests
    images.service.track('/f', [makeCard({ id: 'b', images: urls.slice(10) })], [])
    // Failed as it is queued: no turn of the queue, no download.
    expect(urls.slice(10).map((url) => images.service.inspect(url)?.state)).toEqual(urls.slice(10).map(() => 'failed'))
    expect(images.service.status()).toMatchObject({ total: 20, failed: 20 })
    await sleep(100)
    expect(requests).toBe(requestsBefore)
    expect(paths.slice(10).map((path) => images.server.hits(path))).toEqual(paths.slice(10).map(() => 0))

    // The probe finds the host back: every image, old and new, is fetched once.
    await until(() => images.service.status().cached === 20)
    expect(paths.map((path) => images.server.hits(path))).toEqual(paths.map(() => 1))
  })
})
