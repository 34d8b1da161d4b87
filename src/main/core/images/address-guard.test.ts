import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPrivateAddress, publicOnlyFetch, refusedBeforeConnecting } from './address-guard'
import { fetchImage, type FetchImageOptions } from './fetch-image'
import type { ImageService } from './image-service'
import { JPEG } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { makeCard, tempDir, testService, TEST_TIMEOUTS } from './testing/service-harness'

const PRIVATE = [
  '127.0.0.1', '127.255.255.254', '0.0.0.0', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.255',
  '169.254.169.254', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1',
  '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::127.0.0.1', '64:ff9b::a00:1',
  '64:ff9b::a9fe:a9fe', '64:ff9b:1::1', '::127.0.0.1', '2002:7f00:1::', '2002:c0a8:101::1'
]
const PUBLIC = ['8.8.8.8', '1.1.1.1', '100.63.255.255', '100.128.0.0', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']

describe('isPrivateAddress', () => {
  it.each(PRIVATE)('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true))
  it.each(PUBLIC)('lets %s through', (address) => expect(isPrivateAddress(address)).toBe(false))
})

describe('refusedBeforeConnecting: every spelling of a local host', () => {
  const SPELLINGS = [
    'http://127.0.0.1/a.jpg', 'http://[::1]/a.jpg', 'http://localhost/a.jpg', 'http://LOCALHOST./a.jpg', 'http://img.localhost/a.jpg',
    'http://0.0.0.0/a.jpg', 'http://0/a.jpg', 'http://127.1/a.jpg', 'http://2130706433/a.jpg', 'http://0x7f000001/a.jpg',
    'http://0177.0.0.1/a.jpg', 'http://0x7f.1/a.jpg', 'http://[::ffff:127.0.0.1]/a.jpg', 'http://[0:0:0:0:0:ffff:7f00:1]/a.jpg',
    'http://10.0.0.1/a.jpg', 'http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/a.jpg', 'http://[fd00::1]/a.jpg',
    'http://[64:ff9b::7f00:1]/a.jpg', 'http://100.64.0.1/a.jpg', 'http://224.0.0.1/a.jpg', 'https://192.168.0.1:8443/a.jpg'
  ]
  it.each(SPELLINGS)('%s', (url) => expect(refusedBeforeConnecting(new URL(url))?.message).toContain('private address'))
  it('lets public hosts and names through to the connect-time check', () => {
    for (const url of ['https://8.8.8.8/a.jpg', 'https://example.org/a.jpg', 'https://localhost.example.org/a.jpg']) expect(refusedBeforeConnecting(new URL(url))).toBeNull()
  })
})

describe('the image cache against private addresses', () => {
  let server: ImageServer
  let dir: Awaited<ReturnType<typeof tempDir>>
  const fetchOptions = (name: string): FetchImageOptions => ({ tempPath: join(dir.path, name), maxBytes: 1024 * 1024, timeouts: TEST_TIMEOUTS })

  beforeAll(async () => {
    server = await startImageServer()
    server.route('/secret', (_req, res) => (res.writeHead(200, { 'content-type': 'image/jpeg' }), res.end(JPEG)))
    dir = await tempDir()
  })
  afterAll(async () => {
    await server.close()
    await dir.remove()
  })

  it('checks the address a name resolves to at connect time (localhost by name, no literal check)', async () => {
    await expect(publicOnlyFetch(`http://localhost:${new URL(server.origin).port}/secret`)).rejects.toMatchObject({ cause: { code: 'ERR_PRIVATE_ADDRESS' } })
    expect(server.hits('/secret')).toBe(0)
  })

  it('checks the address the socket reached, for IP literals too', async () => {
    await expect(publicOnlyFetch(server.url('/secret'))).rejects.toMatchObject({ cause: { code: 'ERR_PRIVATE_ADDRESS' } })
    expect(server.hits('/secret')).toBe(0)
  })

  it('re-checks every redirect hop: an allowed host redirecting to a private one is refused', async () => {
    const allowed = new URL(server.origin)
    const other = await startImageServer()
    other.route('/to-secret', (_req, res) => (res.writeHead(302, { location: server.url('/secret') }), res.end()))
    try {
      // Only the first server is let through (the test-only allow-list); its redirect target is not.
      const outcome = await fetchImage(other.url('/to-secret'), { ...fetchOptions('redirect'), allowList: [`127.0.0.1:${new URL(other.origin).port}`] })
      expect(outcome).toMatchObject({ ok: false, reason: 'private-address', retryable: false })
      expect(other.hits('/to-secret')).toBe(1)
      expect(server.hits('/secret')).toBe(0)
      // The same guarded path downloads from an allowed address: the guard is not refusing everything.
      const direct = await fetchImage(server.url('/secret'), { ...fetchOptions('direct'), allowList: [`127.0.0.1:${allowed.port}`] })
      expect(direct).toMatchObject({ ok: true, mime: 'image/jpeg', size: JPEG.length })
    } finally {
      await other.close()
    }
  })

  describe('through the service (as serve and cache use it)', () => {
    let service: ImageService
    afterAll(() => service?.close())

    it('fails each private image with "private-address", counts it in the status, and sends no request', async () => {
      const port = new URL(server.origin).port
      const urls = [server.url('/good.jpg'), `http://localhost:${port}/good.png`, `http://2130706433:${port}/good.gif`, `http://[::ffff:127.0.0.1]:${port}/good.webp`, 'http://169.254.169.254/latest/meta-data']
      service = testService(join(dir.path, 'cache'), { allowPrivateImages: false })
      service.track('/folder', [makeCard({ id: 'a', images: urls })], [])
      await service.resolve(urls, 'visible')
      await service.whenIdle()
      for (const url of urls) expect(service.inspect(url)).toMatchObject({ state: 'failed', reason: 'private-address' })
      expect(service.status()).toMatchObject({ total: urls.length, failed: urls.length, cached: 0 })
      expect(server.log).not.toContain('/good.jpg')
    })

    it('downloads them once the setting allows private images', async () => {
      service.setAllowPrivateImages(true)
      await service.whenIdle()
      expect(service.inspect(server.url('/good.jpg'))).toMatchObject({ state: 'cached' })
    })
  })
})
