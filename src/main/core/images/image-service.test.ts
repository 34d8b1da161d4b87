import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImageCacheStatus, ImageResolution } from '../../../shared/contract'
import type { ImageService } from './image-service'
import { GIF, PNG } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { makeCard, tempDir, testService } from './testing/service-harness'

const sendPng = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'image/png' })
  res.end(PNG)
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** Requests to a gated path wait until the gate opens. */
function gate() {
  const waiting: Array<() => void> = []
  let open = false
  return {
    handler: (req: IncomingMessage, res: ServerResponse) => (open ? sendPng(req, res) : waiting.push(() => sendPng(req, res))),
    open() {
      open = true
      for (const send of waiting.splice(0)) send()
    }
  }
}

describe('image service', () => {
  let server: ImageServer
  let dir: Awaited<ReturnType<typeof tempDir>>
  let service: ImageService

  beforeEach(async () => {
    server = await startImageServer()
    dir = await tempDir()
  })

  afterEach(async () => {
    await service?.close()
    await server.close()
    await dir.remove()
  })

  it('downloads in priority order: visible, then the newest cards’ own images, then related images and logos', async () => {
    service = testService(dir.path, { concurrency: 1, perHost: 1 })
    const blocker = gate()
    server.route('/blocker', blocker.handler)
    for (const name of ['a-own', 'a-logo', 'a-rel', 'a-rel-logo', 'b-own', 'b-rel', 'c-own', 'seen']) server.route(`/${name}`, sendPng)
    // The one download slot is busy, so everything below queues up.
    await service.resolve([server.url('/blocker')], 'visible')
    await until(() => server.hits('/blocker') === 1)
    const older = makeCard({ id: 'a', publishedAtMs: 1_000, images: [server.url('/a-own')], logo: server.url('/a-logo'), related: [{ images: [server.url('/a-rel')], logo: server.url('/a-rel-logo') }] })
    const newer = makeCard({ id: 'b', publishedAtMs: 2_000, images: [server.url('/b-own')], related: [{ images: [server.url('/b-rel')] }] })
    const newest = makeCard({ id: 'c', publishedAtMs: 3_000, images: [server.url('/c-own')] })
    service.track('/folder', [older, newer, newest], [])
    await service.resolve([server.url('/a-rel'), server.url('/seen')], 'visible')
    blocker.open()
    await service.whenIdle()
    expect(server.log).toEqual(['/blocker', '/a-rel', '/seen', '/c-own', '/b-own', '/a-own', '/b-rel', '/a-logo', '/a-rel-logo'])
  })

  it('a later visible request overtakes an earlier one', async () => {
    service = testService(dir.path, { concurrency: 1, perHost: 1 })
    const blocker = gate()
    server.route('/blocker', blocker.handler)
    for (const name of ['first', 'second']) server.route(`/${name}`, sendPng)
    await service.resolve([server.url('/blocker')], 'visible')
    await until(() => server.hits('/blocker') === 1)
    await service.resolve([server.url('/first')], 'visible')
    await service.resolve([server.url('/second')], 'visible')
    blocker.open()
    await service.whenIdle()
    expect(server.log).toEqual(['/blocker', '/second', '/first'])
  })

  it('keeps to the global and the per-host limits', async () => {
    const other = await startImageServer()
    try {
      service = testService(dir.path, { concurrency: 3, perHost: 2 })
      const inFlight = new Map<ImageServer, { now: number; max: number }>()
      const total = { now: 0, max: 0 }
      const slow = (owner: ImageServer) => (req: IncomingMessage, res: ServerResponse) => {
        const count = inFlight.get(owner) ?? { now: 0, max: 0 }
        inFlight.set(owner, count)
        count.now++
        total.now++
        count.max = Math.max(count.max, count.now)
        total.max = Math.max(total.max, total.now)
        setTimeout(() => {
          count.now--
          total.now--
          sendPng(req, res)
        }, 60)
      }
      const urls: string[] = []
      for (const owner of [server, other]) {
        for (let i = 0; i < 5; i++) {
          owner.route(`/slow-${i}`, slow(owner))
          urls.push(owner.url(`/slow-${i}`))
        }
      }
      service.track('/folder', [makeCard({ id: 'many', images: urls })], [])
      await service.whenIdle()
      expect(service.status()).toMatchObject({ total: 10, cached: 10 })
      expect(inFlight.get(server)!.max).toBeLessThanOrEqual(2)
      expect(inFlight.get(other)!.max).toBeLessThanOrEqual(2)
      expect(total.max).toBeLessThanOrEqual(3)
    } finally {
      await other.close()
    }
  })

  it('counts the tracked folder’s images by state, following removals and a change of folder', async () => {
    service = testService(dir.path)
    const statuses: ImageCacheStatus[] = []
    service.onStatus((status) => statuses.push(status))
    const shared = server.url('/good.png')
    const cards = [
      makeCard({ id: 'one', publishedAtMs: 2, images: [shared, server.url('/good.jpg')], logo: server.url('/missing') }),
      makeCard({ id: 'two', publishedAtMs: 1, images: [shared], related: [{ images: [server.url('/script.svg')], logo: server.url('/good.gif') }] })
    ]
    service.track('/folder-a', cards, [])
    await service.whenIdle()
    expect(service.status()).toEqual({ folder: '/folder-a', total: 5, cached: 3, failed: 2, pending: 0 })
    expect(statuses.at(-1)).toEqual(service.status())

    service.track('/folder-a', [], ['two'])
    await service.whenIdle()
    expect(service.status()).toEqual({ folder: '/folder-a', total: 3, cached: 2, failed: 1, pending: 0 })

    service.track('/folder-b', [makeCard({ id: 'three', images: [shared, server.url('/good.webp')] })], [])
    await service.whenIdle()
    expect(service.status()).toEqual({ folder: '/folder-b', total: 2, cached: 2, failed: 0, pending: 0 })
    expect(server.hits('/good.png')).toBe(1)
  })

  it('replaces a card’s images when the card is tracked again', async () => {
    service = testService(dir.path)
    service.track('/f', [makeCard({ id: 'x', images: [server.url('/good.png')] })], [])
    service.track('/f', [makeCard({ id: 'x', images: [server.url('/good.gif')] })], [])
    await service.whenIdle()
    expect(service.status()).toMatchObject({ total: 1, cached: 1 })
    expect(service.inspect(server.url('/good.gif'))?.state).toBe('cached')
  })

  it('batches ready events instead of sending one per image', async () => {
    service = testService(dir.path, { notifyEveryMs: 250 })
    const batches: ImageResolution[][] = []
    service.onReady((items) => batches.push(items))
    const urls = Array.from({ length: 400 }, (_, i) => {
      server.route(`/many/${i}`, sendPng)
      return server.url(`/many/${i}`)
    })
    service.track('/f', [makeCard({ id: 'big', images: urls })], [])
    await service.whenIdle()
    expect(new Set(batches.flat().map((item) => item.url)).size).toBe(400)
    // One event per image would be 400; batching makes them several times fewer, however slow the machine.
    expect(batches.length).toBeLessThan(400 / 2)
  })

  it('answers resolve at once: cached with a src, the rest pending and queued', async () => {
    service = testService(dir.path)
    await service.resolve([server.url('/good.gif')], 'visible')
    await service.whenIdle()
    const [cached, queued] = await service.resolve([server.url('/good.gif'), server.url('/busy')], 'visible')
    expect(cached).toMatchObject({ state: 'cached', src: expect.stringMatching(/^tidings-image:\/\/img\/[0-9a-f]{64}$/) })
    expect(queued).toMatchObject({ state: 'pending', src: null })
    await service.whenIdle()
    expect(service.inspect(server.url('/busy'))).toMatchObject({ state: 'cached', mime: 'image/gif', size: GIF.length })
  })

  it('does not download a folder’s images again once they are cached', async () => {
    service = testService(dir.path)
    const card = makeCard({ id: 'a', images: [server.url('/good.jpg')], logo: server.url('/good.png') })
    service.track('/f', [card], [])
    await service.whenIdle()
    service.track('/g', [card], [])
    service.track('/f', [card], [])
    await service.whenIdle()
    expect(server.hits('/good.jpg')).toBe(1)
    expect(server.hits('/good.png')).toBe(1)
  })

  it('stops knocking on a host that never answers, and says so', async () => {
    const dead = await startImageServer()
    const deadOrigin = dead.origin
    await dead.close()
    let requests = 0
    const counting: typeof fetch = (input, init) => {
      requests++
      return fetch(input, init)
    }
    service = testService(dir.path, { fetch: counting })
    const urls = Array.from({ length: 40 }, (_, i) => `${deadOrigin}/image-${i}.png`)
    service.track('/f', [makeCard({ id: 'a', images: urls })], [])
    await service.whenIdle()
    expect(service.status()).toMatchObject({ total: 40, failed: 40 })
    expect(requests).toBeLessThan(20)
    expect(service.inspect(urls[39])).toMatchObject({ reason: 'network', detail: expect.stringContaining('not answering') })
  })

  it('tries failed images again when asked (as the CLI does), not before', async () => {
    service = testService(dir.path)
    let broken = true
    server.route('/sometimes', (req, res) => (broken ? (res.writeHead(404), res.end()) : sendPng(req, res)))
    service.track('/f', [makeCard({ id: 'a', images: [server.url('/sometimes')] })], [])
    await service.whenIdle()
    broken = false
    service.track('/f', [makeCard({ id: 'a', images: [server.url('/sometimes')] })], [])
    await service.whenIdle()
    expect(service.status()).toMatchObject({ cached: 0, failed: 1 })
    service.retryFailed()
    await service.whenIdle()
    expect(service.status()).toMatchObject({ cached: 1, failed: 0 })
  })
})
