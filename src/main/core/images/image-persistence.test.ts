import { appendFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { hashOfUrl } from './hash'
import { auditCache } from './testing/cache-audit'
import { HTML, JPEG, PNG } from './testing/fixtures'
import { makeCard } from './testing/service-harness'
import { useImageFixture } from './testing/service-fixture'

describe('the cache across restarts and crashes', () => {
  const images = useImageFixture()

  it('remembers cached, failed and pending images after a restart, with no new downloads', async () => {
    images.open()
    images.service.track('/f', [makeCard({ id: 'a', images: [images.server.url('/good.jpg'), images.server.url('/missing')] })], [])
    await images.service.whenIdle()
    await images.service.close()
    const hitsBefore = images.server.log.length

    images.open()
    const [cached, failed] = await images.service.resolve([images.server.url('/good.jpg'), images.server.url('/missing')], 'visible')
    expect(cached.state).toBe('cached')
    expect(failed).toMatchObject({ state: 'failed', reason: 'http-404' })
    expect(images.service.inspect(images.server.url('/missing'))?.retryAt).toBeGreaterThan(Date.now() + 24 * 3600 * 1000)
    const found = await images.service.lookup(hashOfUrl(images.server.url('/good.jpg')))
    expect(await readFile(found!.filePath)).toEqual(JPEG)
    await images.service.whenIdle()
    expect(images.server.log.length).toBe(hitsBefore)
    await images.service.close()

    // A URL known but never downloaded (closed before it could be) is pending after a restart.
    images.open()
    images.server.route('/hangs', () => undefined)
    await images.service.resolve([images.server.url('/hangs')], 'visible')
    await images.service.close()
    images.open()
    await images.service.whenIdle()
    expect(images.service.inspect(images.server.url('/hangs'))?.state).toBe('pending')
  })

  it('survives a torn last line in the index', async () => {
    images.open()
    await images.service.resolve([images.server.url('/good.png')], 'visible')
    await images.service.whenIdle()
    await images.service.close()
    await appendFile(join(images.dir, 'index.jsonl'), '{"h":"abc')

    images.open()
    const [result] = await images.service.resolve([images.server.url('/good.png')], 'visible')
    expect(result.state).toBe('cached')
    await images.service.resolve([images.server.url('/good.gif')], 'visible')
    await images.service.whenIdle()
    await images.service.close()
    const lines = (await readFile(join(images.dir, 'index.jsonl'), 'utf8')).trim().split('\n')
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('after a crash: stray temp files go, a half-written or foreign file is removed, a whole image is kept', async () => {
    const goodUrl = images.server.url('/good.png')
    const goodHash = hashOfUrl(goodUrl)
    const junkHash = hashOfUrl(images.server.url('/junk'))
    await mkdir(join(images.dir, 'tmp'), { recursive: true })
    await writeFile(join(images.dir, 'tmp', `${goodHash}.999999999.abcd.part`), PNG.subarray(0, 20))
    await mkdir(join(images.dir, 'files', goodHash.slice(0, 2)), { recursive: true })
    await mkdir(join(images.dir, 'files', junkHash.slice(0, 2)), { recursive: true })
    // Renamed into place just before the crash, index not yet written: a whole image.
    await writeFile(join(images.dir, 'files', goodHash.slice(0, 2), goodHash), PNG)
    await writeFile(join(images.dir, 'files', junkHash.slice(0, 2), junkHash), HTML)
    await writeFile(join(images.dir, 'files', 'not-a-shard'), 'x')

    images.open()
    await images.service.whenIdle()
    expect(await readdir(join(images.dir, 'tmp'))).toEqual([])
    const [good] = await images.service.resolve([goodUrl], 'visible')
    expect(good.state).toBe('cached')
    expect(await images.service.lookup(junkHash)).toBeNull()
    await images.service.whenIdle()
    expect(images.server.hits('/good.png')).toBe(0)
    const audit = await auditCache(images.dir)
    expect(audit.problems).toEqual([])
    expect(audit.files.map((file) => file.hash)).toEqual([goodHash])
  })

  it('takes in a file another Tidings stored after start-up, though its host no longer serves it', async () => {
    images.open()
    await images.service.whenIdle()
    const url = images.server.url('/missing')
    const hash = hashOfUrl(url)
    await mkdir(join(images.dir, 'files', hash.slice(0, 2)), { recursive: true })
    await writeFile(join(images.dir, 'files', hash.slice(0, 2), hash), PNG)
    await images.service.resolve([url], 'visible')
    await images.service.whenIdle()
    expect(images.service.inspect(url)).toMatchObject({ state: 'cached', mime: 'image/png', size: PNG.length })
  })

  it('closing in the middle of downloads leaves no partial file behind', async () => {
    images.open({ timeouts: { connectMs: 10_000, totalMs: 30_000, idleMs: 10_000 } })
    await images.service.resolve([images.server.url('/never-ends'), images.server.url('/stalls')], 'visible')
    while (images.server.hits('/never-ends') + images.server.hits('/stalls') < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 50))
    await images.service.close()
    expect(await readdir(join(images.dir, 'tmp'))).toEqual([])
    const audit = await auditCache(images.dir)
    expect(audit.files).toEqual([])
    expect(audit.problems).toEqual([])

    images.open()
    await images.service.whenIdle()
    expect(images.service.inspect(images.server.url('/never-ends'))?.state).toBe('pending')
  })

  it('answers nothing once closed, since the URLs and hashes went with the index', async () => {
    images.open()
    await images.service.resolve([images.server.url('/good.png')], 'visible')
    await images.service.whenIdle()
    await images.service.close()
    expect(images.service.inspect(images.server.url('/good.png'))).toBeNull()
    expect(await images.service.lookup(hashOfUrl(images.server.url('/good.png')))).toBeNull()
  })

  it('downloads again an image whose file vanished', async () => {
    images.open()
    await images.service.resolve([images.server.url('/good.png')], 'visible')
    await images.service.whenIdle()
    const hash = hashOfUrl(images.server.url('/good.png'))
    const { rm } = await import('node:fs/promises')
    await rm((await images.service.lookup(hash))!.filePath)
    expect(await images.service.lookup(hash)).toBeNull()
    await images.service.whenIdle()
    expect(await images.service.lookup(hash)).not.toBeNull()
    expect(images.server.hits('/good.png')).toBe(2)
  })
})

describe('lookup', () => {
  const images = useImageFixture()
  beforeEach(() => void images.open())

  it('returns only files inside the cache folder, for well-formed keys of cached images', async () => {
    await images.service.resolve([images.server.url('/good.png')], 'visible')
    await images.service.whenIdle()
    const hash = hashOfUrl(images.server.url('/good.png'))
    const found = await images.service.lookup(hash)
    expect(found).toMatchObject({ mime: 'image/png', size: PNG.length })
    expect(found!.filePath.startsWith(images.dir + sep)).toBe(true)
    for (const bad of ['../../../etc/passwd', '..', '', hash.toUpperCase(), `${hash}/..`, `../${hash}`, `${hash.slice(0, 62)}/x`, `${hash}\0`, 'files/../index.jsonl', encodeURIComponent(`../${hash}`)]) {
      expect(await images.service.lookup(bad)).toBeNull()
    }
    expect(await images.service.lookup('0'.repeat(64))).toBeNull()
  })

  it('never follows a symlink planted in the cache', async () => {
    const hash = hashOfUrl('https://example.org/planted.png')
    await mkdir(join(images.dir, 'files', hash.slice(0, 2)), { recursive: true })
    await symlink('/etc/passwd', join(images.dir, 'files', hash.slice(0, 2), hash))
    expect(await images.service.lookup(hash)).toBeNull()

    await images.service.resolve([images.server.url('/good.png')], 'visible')
    await images.service.whenIdle()
    const cachedHash = hashOfUrl(images.server.url('/good.png'))
    const path = (await images.service.lookup(cachedHash))!.filePath
    const { rm } = await import('node:fs/promises')
    await rm(path)
    await symlink('/etc/passwd', path)
    expect(await images.service.lookup(cachedHash)).toBeNull()
  })
})
