import { appendFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashOfUrl } from './hash'
import type { ImageService } from './image-service'
import { auditCache } from './testing/cache-audit'
import { HTML, JPEG, PNG } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { makeCard, tempDir, testService } from './testing/service-harness'

describe('the cache across restarts and crashes', () => {
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

  it('remembers cached, failed and pending images after a restart, with no new downloads', async () => {
    service = testService(dir.path)
    service.track('/f', [makeCard({ id: 'a', images: [server.url('/good.jpg'), server.url('/missing')] })], [])
    await service.whenIdle()
    await service.close()
    const hitsBefore = server.log.length

    service = testService(dir.path)
    const [cached, failed] = await service.resolve([server.url('/good.jpg'), server.url('/missing')], 'visible')
    expect(cached.state).toBe('cached')
    expect(failed).toMatchObject({ state: 'failed', reason: 'http-404' })
    expect(service.inspect(server.url('/missing'))?.retryAt).toBeGreaterThan(Date.now() + 24 * 3600 * 1000)
    const found = await service.lookup(hashOfUrl(server.url('/good.jpg')))
    expect(await readFile(found!.filePath)).toEqual(JPEG)
    await service.whenIdle()
    expect(server.log.length).toBe(hitsBefore)
    await service.close()

    // A URL known but never downloaded (closed before it could be) is pending after a restart.
    service = testService(dir.path)
    server.route('/hangs', () => undefined)
    await service.resolve([server.url('/hangs')], 'visible')
    await service.close()
    service = testService(dir.path)
    await service.whenIdle()
    expect(service.inspect(server.url('/hangs'))?.state).toBe('pending')
  })

  it('survives a torn last line in the index', async () => {
    service = testService(dir.path)
    await service.resolve([server.url('/good.png')], 'visible')
    await service.whenIdle()
    await service.close()
    await appendFile(join(dir.path, 'index.jsonl'), '{"h":"abc')

    service = testService(dir.path)
    const [result] = await service.resolve([server.url('/good.png')], 'visible')
    expect(result.state).toBe('cached')
    await service.resolve([server.url('/good.gif')], 'visible')
    await service.whenIdle()
    await service.close()
    const lines = (await readFile(join(dir.path, 'index.jsonl'), 'utf8')).trim().split('\n')
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('after a crash: stray temp files go, a half-written or foreign file is removed, a whole image is kept', async () => {
    const goodUrl = server.url('/good.png')
    const goodHash = hashOfUrl(goodUrl)
    const junkHash = hashOfUrl(server.url('/junk'))
    await mkdir(join(dir.path, 'tmp'), { recursive: true })
    await writeFile(join(dir.path, 'tmp', `${goodHash}.999999999.abcd.part`), PNG.subarray(0, 20))
    await mkdir(join(dir.path, 'files', goodHash.slice(0, 2)), { recursive: true })
    await mkdir(join(dir.path, 'files', junkHash.slice(0, 2)), { recursive: true })
    // Renamed into place just before the crash, index not yet written: a whole image.
    await writeFile(join(dir.path, 'files', goodHash.slice(0, 2), goodHash), PNG)
    await writeFile(join(dir.path, 'files', junkHash.slice(0, 2), junkHash), HTML)
    await writeFile(join(dir.path, 'files', 'not-a-shard'), 'x')

    service = testService(dir.path)
    await service.whenIdle()
    expect(await readdir(join(dir.path, 'tmp'))).toEqual([])
    const [good] = await service.resolve([goodUrl], 'visible')
    expect(good.state).toBe('cached')
    expect(await service.lookup(junkHash)).toBeNull()
    await service.whenIdle()
    expect(server.hits('/good.png')).toBe(0)
    const audit = await auditCache(dir.path)
    expect(audit.problems).toEqual([])
    expect(audit.files.map((file) => file.hash)).toEqual([goodHash])
  })

  it('closing in the middle of downloads leaves no partial file behind', async () => {
    service = testService(dir.path, { timeouts: { connectMs: 10_000, totalMs: 30_000, idleMs: 10_000 } })
    await service.resolve([server.url('/never-ends'), server.url('/stalls')], 'visible')
    while (server.hits('/never-ends') + server.hits('/stalls') < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 50))
    await service.close()
    expect(await readdir(join(dir.path, 'tmp'))).toEqual([])
    const audit = await auditCache(dir.path)
    expect(audit.files).toEqual([])
    expect(audit.problems).toEqual([])

    service = testService(dir.path)
    await service.whenIdle()
    expect(service.inspect(server.url('/never-ends'))?.state).toBe('pending')
  })

  it('downloads again an image whose file vanished', async () => {
    service = testService(dir.path)
    await service.resolve([server.url('/good.png')], 'visible')
    await service.whenIdle()
    const hash = hashOfUrl(server.url('/good.png'))
    const { rm } = await import('node:fs/promises')
    await rm((await service.lookup(hash))!.filePath)
    expect(await service.lookup(hash)).toBeNull()
    await service.whenIdle()
    expect(await service.lookup(hash)).not.toBeNull()
    expect(server.hits('/good.png')).toBe(2)
  })
})

describe('lookup', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  let server: ImageServer
  let service: ImageService

  beforeEach(async () => {
    server = await startImageServer()
    dir = await tempDir()
    service = testService(dir.path)
  })

  afterEach(async () => {
    await service.close()
    await server.close()
    await dir.remove()
  })

  it('returns only files inside the cache folder, for well-formed keys of cached images', async () => {
    await service.resolve([server.url('/good.png')], 'visible')
    await service.whenIdle()
    const hash = hashOfUrl(server.url('/good.png'))
    const found = await service.lookup(hash)
    expect(found).toMatchObject({ mime: 'image/png', size: PNG.length })
    expect(found!.filePath.startsWith(dir.path + sep)).toBe(true)
    for (const bad of ['../../../etc/passwd', '..', '', hash.toUpperCase(), `${hash}/..`, `../${hash}`, `${hash.slice(0, 62)}/x`, `${hash}\0`, 'files/../index.jsonl', encodeURIComponent(`../${hash}`)]) {
      expect(await service.lookup(bad)).toBeNull()
    }
    expect(await service.lookup('0'.repeat(64))).toBeNull()
  })

  it('never follows a symlink planted in the cache', async () => {
    const hash = hashOfUrl('https://example.org/planted.png')
    await mkdir(join(dir.path, 'files', hash.slice(0, 2)), { recursive: true })
    await symlink('/etc/passwd', join(dir.path, 'files', hash.slice(0, 2), hash))
    expect(await service.lookup(hash)).toBeNull()

    await service.resolve([server.url('/good.png')], 'visible')
    await service.whenIdle()
    const cachedHash = hashOfUrl(server.url('/good.png'))
    const path = (await service.lookup(cachedHash))!.filePath
    const { rm } = await import('node:fs/promises')
    await rm(path)
    await symlink('/etc/passwd', path)
    expect(await service.lookup(cachedHash)).toBeNull()
  })
})
