import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { ImageCacheStatus, ImageResolution } from '../../../shared/contract'
import { GIF, PNG } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { makeCard } from './testing/service-harness'
import { heldPng, useImageFixture } from './testing/service-fixture'

const sendPng = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'image/png' })
  res.end(PNG)
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('image service', () => {
  const images = useImageFixture()

  it('downloads in priority order: visible, then the newest cards’ own images, then related images and logos', async () => {
    images.open({ concurrency: 1, perHost: 1 })
    const blocker = heldPng()
    images.server.route('/blocker', blocker.handler)
    for (const name of ['a-own', 'a-logo', 'a-rel', 'a-rel-logo', 'b-own', 'b-rel', 'c-own', 'seen']) images.server.route(`/${name}`, sendPng)
    // The one download slot is busy, so everything below queues up.
    await images.service.resolve([images.server.url('/blocker')], 'visible')
    await until(() => images.server.hits('/blocker') === 1)
    const older = makeCard({ id: 'a', publishedAtMs: 1_000, images: [images.server.url('/a-own')], logo: images.server.url('/a-logo'), related: [{ images: [images.server.url('/a-rel')], logo: images.server.url('/a-rel-logo') }] })
    const newer = makeCard({ id: 'b', publishedAtMs: 2_000, images: [images.server.url('/b-own')], related: [{ images: [images.server.url('/b-rel')] }] })
    const newest = makeCard({ id: 'c', publishedAtMs: 3_000, images: [images.server.url('/c-own')] })
    images.service.track('/folder', [older, newer, newest], [])
    await images.service.resolve([images.server.url('/a-rel'), images.server.url('/seen')], 'visible')
    blocker.release()
    await images.service.whenIdle()
    expect(images.server.log).toEqual(['/blocker', '/a-rel', '/seen', '/c-own', '/b-own', '/a-own', '/b-rel', '/a-logo', '/a-rel-logo'])
  })

  it('a later visible request overtakes an earlier one', async () => {
    images.open({ concurrency: 1, perHost: 1 })
    const blocker = heldPng()
    images.server.route('/blocker', blocker.handler)
    for (const name of ['first', 'second']) images.server.route(`/${name}`, sendPng)
    await images.service.resolve([images.server.url('/blocker')], 'visible')
    await until(() => images.server.hits('/blocker') === 1)
    await images.service.resolve([images.server.url('/first')], 'visible')
    await images.service.resolve([images.server.url('/second')], 'visible')
    blocker.release()
    await images.service.whenIdle()
    expect(images.server.log).toEqual(['/blocker', '/second', '/first'])
  })

  it('keeps to the global and the per-host limits', async () => {
    const other = await startImageServer()
    try {
      images.open({ concurrency: 3, perHost: 2 })
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
      for (const owner of [images.server, other]) {
        for (let i = 0; i < 5; i++) {
          owner.route(`/slow-${i}`, slow(owner))
          urls.push(owner.url(`/slow-${i}`))
        }
      }
      images.service.track('/folder', [makeCard({ id: 'many', images: urls })], [])
      await images.service.whenIdle()
      expect(images.service.status()).toMatchObject({ total: 10, cached: 10 })
      expect(inFlight.get(images.server)!.max).toBeLessThanOrEqual(2)
      expect(inFlight.get(other)!.max).toBeLessThanOrEqual(2)
      expect(total.max).toBeLessThanOrEqual(3)
    } finally {
      await other.close()
    }
  })

  it('counts the tracked folder’s images by state, following removals and a change of folder', async () => {
    images.open()
    const statuses: ImageCacheStatus[] = []
    images.service.onStatus((status) => statuses.push(status))
    const shared = images.server.url('/good.png')
    const cards = [
      makeCard({ id: 'one', publishedAtMs: 2, images: [shared, images.server.url('/good.jpg')], logo: images.server.url('/missing') }),
      makeCard({ id: 'two', publishedAtMs: 1, images: [shared], related: [{ images: [images.server.url('/script.svg')], logo: images.server.url('/good.gif') }] })
    ]
    images.service.track('/folder-a', cards, [])
    await images.service.whenIdle()
    expect(images.service.status()).toEqual({ folder: '/folder-a', total: 5, cached: 3, failed: 2, pending: 0 })
    expect(statuses.at(-1)).toEqual(images.service.status())

    images.service.track('/folder-a', [], ['two'])
    await images.service.whenIdle()
    expect(images.service.status()).toEqual({ folder: '/folder-a', total: 3, cached: 2, failed: 1, pending: 0 })

    images.service.track('/folder-b', [makeCard({ id: 'three', images: [shared, images.server.url('/good.webp')] })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toEqual({ folder: '/folder-b', total: 2, cached: 2, failed: 0, pending: 0 })
    expect(images.server.hits('/good.png')).toBe(1)
  })

  it('replaces a card’s images when the card is tracked again', async () => {
    images.open()
    images.service.track('/f', [makeCard({ id: 'x', images: [images.server.url('/good.png')] })], [])
    images.service.track('/f', [makeCard({ id: 'x', images: [images.server.url('/good.gif')] })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 1, cached: 1 })
    expect(images.service.inspect(images.server.url('/good.gif'))?.state).toBe('cached')
  })

  it('batches ready events instead of sending one per image', async () => {
    images.open({ notifyEveryMs: 250 })
    const batches: ImageResolution[][] = []
    images.service.onReady((items) => batches.push(items))
    const urls = Array.from({ length: 400 }, (_, i) => {
      images.server.route(`/many/${i}`, sendPng)
      return images.server.url(`/many/${i}`)
    })
    images.service.track('/f', [makeCard({ id: 'big', images: urls })], [])
    await images.service.whenIdle()
    expect(new Set(batches.flat().map((item) => item.url)).size).toBe(400)
    // One event per image would be 400; batching makes them several times fewer, however slow the machine.
    expect(batches.length).toBeLessThan(400 / 2)
  })

  it('announces a failure only to a page that asked for the image; every cached image is announced', async () => {
    images.open({ notifyEveryMs: 20 })
    const announced: ImageResolution[] = []
    images.service.onReady((items) => announced.push(...items))
    const good = Array.from({ length: 5 }, (_, i) => {
      images.server.route(`/good/${i}`, sendPng)
      return images.server.url(`/good/${i}`)
    })
    // Not routed: the server answers 404, a failure that is never retried within the test.
    const missing = Array.from({ length: 20 }, (_, i) => images.server.url(`/gone/${i}`))
    images.service.track('/f', [makeCard({ id: 'a', images: [...good, ...missing] })], [])
    const [asked] = await images.service.resolve([missing[7]], 'visible')
    expect(asked.state).toBe('pending')
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 25, cached: 5, failed: 20 })
    const failures = announced.filter((item) => item.state === 'failed').map((item) => item.url)
    expect(failures).toEqual([missing[7]])
    expect(new Set(announced.filter((item) => item.state === 'cached').map((item) => item.url))).toEqual(new Set(good))
  })

  it('answers resolve at once: cached with a src, the rest pending and queued', async () => {
    images.open()
    await images.service.resolve([images.server.url('/good.gif')], 'visible')
    await images.service.whenIdle()
    const [cached, queued] = await images.service.resolve([images.server.url('/good.gif'), images.server.url('/busy')], 'visible')
    expect(cached).toMatchObject({ state: 'cached', src: expect.stringMatching(/^tidings-image:\/\/img\/[0-9a-f]{64}$/) })
    expect(queued).toMatchObject({ state: 'pending', src: null })
    await images.service.whenIdle()
    expect(images.service.inspect(images.server.url('/busy'))).toMatchObject({ state: 'cached', mime: 'image/gif', size: GIF.length })
  })

  it('does not download a folder’s images again once they are cached', async () => {
    images.open()
    const card = makeCard({ id: 'a', images: [images.server.url('/good.jpg')], logo: images.server.url('/good.png') })
    images.service.track('/f', [card], [])
    await images.service.whenIdle()
    images.service.track('/g', [card], [])
    images.service.track('/f', [card], [])
    await images.service.whenIdle()
    expect(images.server.hits('/good.jpg')).toBe(1)
    expect(images.server.hits('/good.png')).toBe(1)
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
    images.open({ fetch: counting })
    const urls = Array.from({ length: 40 }, (_, i) => `${deadOrigin}/image-${i}.png`)
    images.service.track('/f', [makeCard({ id: 'a', images: urls })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 40, failed: 40 })
    expect(requests).toBeLessThan(20)
    expect(images.service.inspect(urls[39])).toMatchObject({ reason: 'network', detail: expect.stringContaining('not answering') })
  })

  it('tries failed images again when asked (as the CLI does), not before', async () => {
    images.open()
    let broken = true
    images.server.route('/sometimes', (req, res) => (broken ? (res.writeHead(404), res.end()) : sendPng(req, res)))
    images.service.track('/f', [makeCard({ id: 'a', images: [images.server.url('/sometimes')] })], [])
    await images.service.whenIdle()
    broken = false
    images.service.track('/f', [makeCard({ id: 'a', images: [images.server.url('/sometimes')] })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ cached: 0, failed: 1 })
    images.service.retryFailed()
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ cached: 1, failed: 0 })
  })
})
