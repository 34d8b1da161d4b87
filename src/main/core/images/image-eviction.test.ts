import { beforeEach, describe, expect, it } from 'vitest'
import { hashOfUrl } from './hash'
import { auditCache } from './testing/cache-audit'
import { pngOfSize } from './testing/fixtures'
import { makeCard } from './testing/service-harness'
import { useImageFixture } from './testing/service-fixture'

const IMAGE_BYTES = 10_000
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('size cap and eviction', () => {
  const images = useImageFixture()
  const url = (name: string) => images.server.url(`/${name}`)

  beforeEach(() => {
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5', 'f1', 'f2', 'f3', 'f4', 'f5']) {
      const body = pngOfSize(IMAGE_BYTES, name.charCodeAt(1))
      images.server.route(`/${name}`, (_req, res) => (res.writeHead(200, { 'content-type': 'image/png' }), res.end(body)))
    }
  })

  async function show(...names: string[]) {
    await images.service.resolve(names.map(url), 'visible')
    await images.service.whenIdle()
    await tick()
  }
  const stateOf = (name: string) => images.service.inspect(url(name))?.state

  it('evicts the least recently used images, never those of a starred card', async () => {
    images.open({ limitBytes: 3.5 * IMAGE_BYTES })
    images.service.track('/f', [makeCard({ id: 'starred', images: [url('u2')] })], [])
    images.service.setStarred(['starred'])
    await images.service.whenIdle()
    await tick()
    await show('u1')
    await show('u3')
    await show('u1') // u1 is used again, so u3 is now the least recently used unstarred image

    await show('u4')
    expect([stateOf('u1'), stateOf('u2'), stateOf('u3'), stateOf('u4')]).toEqual(['cached', 'cached', 'pending', 'cached'])
    expect(await images.service.lookup(hashOfUrl(url('u3')))).toBeNull()

    await show('u5')
    // u2 is the oldest of all, but starred.
    expect([stateOf('u1'), stateOf('u2'), stateOf('u4'), stateOf('u5')]).toEqual(['pending', 'cached', 'cached', 'cached'])

    const audit = await auditCache(images.dir)
    expect(audit.problems).toEqual([])
    expect(audit.files.reduce((sum, file) => sum + file.size, 0)).toBeLessThanOrEqual(3.5 * IMAGE_BYTES)
  })

  it('fills a small cache with the most important images and stops, instead of churning', async () => {
    images.open({ limitBytes: 2.5 * IMAGE_BYTES, concurrency: 1 })
    const cards = ['f1', 'f2', 'f3', 'f4', 'f5'].map((name, i) => makeCard({ id: name, publishedAtMs: 10 - i, images: [url(name)] }))
    images.service.track('/f', cards, [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 5, cached: 2, failed: 3 })
    expect([stateOf('f1'), stateOf('f2')]).toEqual(['cached', 'cached'])
    expect(images.service.inspect(url('f5'))?.reason).toBe('cache-full')
    // The newest cards' images are kept; nothing was downloaded twice.
    for (const name of ['f1', 'f2']) expect(images.server.hits(`/${name}`)).toBe(1)

    images.service.setLimit(10 * IMAGE_BYTES)
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 5, cached: 5, failed: 0 })
  })

  it('lowering the limit evicts at once, sparing starred cards', async () => {
    images.open({ limitBytes: 10 * IMAGE_BYTES })
    images.service.track('/f', [makeCard({ id: 'a', images: [url('f1')] }), makeCard({ id: 'b', images: [url('f2'), url('f3')] })], [])
    images.service.setStarred(['b'])
    await images.service.whenIdle()
    images.service.setLimit(IMAGE_BYTES)
    await images.service.whenIdle()
    expect([stateOf('f1'), stateOf('f2'), stateOf('f3')]).toEqual(['pending', 'cached', 'cached'])
    expect((await auditCache(images.dir)).files).toHaveLength(2)
  })

  it('refuses a limit that is not a number of bytes', () => {
    images.open()
    expect(() => images.service.setLimit(-1)).toThrow(RangeError)
    expect(() => images.service.setLimit(Number.NaN)).toThrow(RangeError)
  })
})
