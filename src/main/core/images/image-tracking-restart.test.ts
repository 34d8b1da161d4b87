import type { IncomingMessage, ServerResponse } from 'node:http'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ManifestEntry } from '../../../shared/contract'
import type { ImageService } from './image-service'
import { PNG, pngOfSize } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { makeCard, tempDir, testService } from './testing/service-harness'
import { FOLDERS_DIR, trackingFileOf } from './tracking-file'

const FOLDER = '/cards/news'

/** Requests to a held path wait until it is let go; a held request cut by a close is simply dropped. */
function hold() {
  const waiting: Array<() => void> = []
  let open = false
  const send = (res: ServerResponse) => {
    if (res.destroyed) return
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(PNG)
  }
  return {
    handler: (_req: IncomingMessage, res: ServerResponse) => (open ? send(res) : waiting.push(() => send(res))),
    release() {
      open = true
      for (const go of waiting.splice(0)) go()
    }
  }
}

const manifestOf = (ids: string[]): ManifestEntry[] => ids.map((id) => ({ path: `${id}.md`, size: 1, mtimeMs: 1, id, publishedAtMs: null }))

describe('the tracked folder across restarts', () => {
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

  const restart = async (options: Parameters<typeof testService>[1] = {}): Promise<ImageService> => {
    await service.close()
    service = testService(dir.path, options)
    return service
  }

  it('counts the folder’s images right after a restart with no batch, and resumes the downloads still owed', async () => {
    const later = hold()
    server.route('/later.png', later.handler)
    service = testService(dir.path)
    const cards = [
      makeCard({ id: 'a', publishedAtMs: 2, images: [server.url('/good.png')], logo: server.url('/good.gif') }),
      makeCard({ id: 'b', publishedAtMs: 1, images: [server.url('/later.png'), server.url('/missing')], related: [{ logo: server.url('/good.gif') }] })
    ]
    service.track(FOLDER, cards, [])
    await service.resolve([], 'background')
    while (service.status().pending > 1 || server.hits('/later.png') === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const before = service.status()
    expect(before).toEqual({ folder: FOLDER, total: 4, cached: 2, failed: 1, pending: 1 })

    await restart()
    await service.restoreFolder(FOLDER)
    expect(service.status()).toEqual(before)

    // The download cut by the close is owed: it runs again with no batch and no request from the page.
    later.release()
    await service.whenIdle()
    expect(service.status()).toEqual({ folder: FOLDER, total: 4, cached: 3, failed: 1, pending: 0 })
    expect(server.hits('/good.png')).toBe(1)
  })

  it('tries an image that failed before the restart again when its retry is due', async () => {
    server.route('/busy.png', (_req, res, hit) => {
      if (hit === 1) res.writeHead(429, { 'retry-after': '1' }).end()
      else res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    })
    // A retry a second away is not waited for as pending: the image is failed until then.
    service = testService(dir.path, { maxPendingRetryMs: 100 })
    service.track(FOLDER, [makeCard({ id: 'a', images: [server.url('/busy.png')] })], [])
    await service.whenIdle()
    expect(service.status()).toMatchObject({ total: 1, failed: 1 })

    await restart({ maxPendingRetryMs: 100 })
    await service.restoreFolder(FOLDER)
    await vi.waitFor(() => expect(service.status()).toMatchObject({ total: 1, cached: 1, failed: 0 }), { timeout: 5_000, interval: 20 })
    expect(server.hits('/busy.png')).toBe(2)
  })

  it('forgets removed cards for good, and saved cards the renderer no longer holds', async () => {
    service = testService(dir.path)
    const cards = ['a', 'b', 'c'].map((id) => makeCard({ id, images: [server.url(`/${id}.png`)] }))
    for (const id of ['a', 'b', 'c']) server.route(`/${id}.png`, (_req, res) => (res.writeHead(200, { 'content-type': 'image/png' }), res.end(PNG)))
    service.track(FOLDER, cards, [])
    await service.whenIdle()
    service.track(FOLDER, [], ['b'])
    await service.whenIdle()
    expect(service.status().total).toBe(2)

    await restart()
    await service.restoreFolder(FOLDER)
    expect(service.status()).toMatchObject({ total: 2, cached: 2 })
    // A batch after the restore applies on top of the saved cards.
    service.track(FOLDER, [makeCard({ id: 'd', images: [server.url('/d.png')] })], ['a'])
    await service.whenIdle()
    expect(service.status()).toMatchObject({ total: 2, cached: 1, failed: 1 })

    await restart()
    // The renderer holds only c: nobody will ever send d's removal, so it goes now.
    await service.restoreFolder(FOLDER, manifestOf(['c']))
    expect(service.status()).toMatchObject({ total: 1, cached: 1, failed: 0 })
    await restart()
    await service.restoreFolder(FOLDER)
    expect(service.status()).toMatchObject({ total: 1, cached: 1 })
  })

  it('starring and unstarring after a restart still protects the right cards from eviction', async () => {
    const size = 20_000
    for (const name of ['a1', 'a2', 'b1', 'b2']) server.route(`/${name}.png`, (_req, res) => (res.writeHead(200, { 'content-type': 'image/png' }), res.end(pngOfSize(size))))
    service = testService(dir.path)
    service.track(FOLDER, [makeCard({ id: 'a', images: [server.url('/a1.png'), server.url('/a2.png')] }), makeCard({ id: 'b', images: [server.url('/b1.png'), server.url('/b2.png')] })], [])
    service.setStarred(['a'])
    await service.whenIdle()
    expect(service.status().cached).toBe(4)

    await restart()
    // As the app does: the journal's stars arrive before the folder is restored.
    service.setStarred(['a'])
    await service.restoreFolder(FOLDER)
    // Now b is starred instead of a: only b's images may not go.
    service.setStarred(['b'])
    service.setLimit(2.5 * size)
    await service.whenIdle()
    const stateOf = (name: string) => service.inspect(server.url(`/${name}.png`))?.state
    expect(['a1', 'a2', 'b1', 'b2'].map(stateOf)).toEqual(['pending', 'pending', 'cached', 'cached'])
    expect(service.status()).toMatchObject({ total: 4, cached: 2, pending: 2 })
  })

  it('keeps each folder’s cards when switching between folders, in one file per folder named by a hash', async () => {
    service = testService(dir.path)
    service.track('/one', [makeCard({ id: 'a', images: [server.url('/good.png')] })], [])
    await service.whenIdle()
    service.track('/two', [makeCard({ id: 'b', images: [server.url('/good.jpg'), server.url('/missing')] })], [])
    await service.whenIdle()
    expect(service.status()).toMatchObject({ folder: '/two', total: 2 })
    await service.restoreFolder('/one')
    expect(service.status()).toEqual({ folder: '/one', total: 1, cached: 1, failed: 0, pending: 0 })

    await restart()
    await service.restoreFolder('/two')
    expect(service.status()).toEqual({ folder: '/two', total: 2, cached: 1, failed: 1, pending: 0 })
    const files = await readdir(join(dir.path, FOLDERS_DIR))
    expect(files.sort()).toEqual([trackingFileOf(dir.path, '/one'), trackingFileOf(dir.path, '/two')].map((path) => path.split('/').at(-1)).sort())
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{64}\.jsonl$/)
  })

  it('starts afresh from a saved file that is damaged or belongs to another folder', async () => {
    service = testService(dir.path)
    service.track(FOLDER, [makeCard({ id: 'a', images: [server.url('/good.png')] }), makeCard({ id: 'b', images: [server.url('/good.jpg')] })], [])
    await service.whenIdle()
    await service.close()
    const path = trackingFileOf(dir.path, FOLDER)
    const lines = (await readFile(path, 'utf8')).split('\n')
    // One card's line garbled: the other card still counts.
    const garbled = lines.map((line) => (line.startsWith('["b"') ? '["b",0,[' : line))
    await writeFile(path, garbled.join('\n'))
    service = testService(dir.path)
    await service.restoreFolder(FOLDER)
    expect(service.status()).toMatchObject({ total: 1, cached: 1 })

    await writeFile(path, lines.join('\n').replace(JSON.stringify(FOLDER), JSON.stringify('/elsewhere')))
    await restart()
    await service.restoreFolder(FOLDER)
    expect(service.status()).toMatchObject({ folder: FOLDER, total: 0 })
  })

  it('takes a big batch in slices, answering in between, and saves all of it when closed at once', async () => {
    service = testService(dir.path)
    // Not http: decided at once, no request is made.
    const cards = Array.from({ length: 9_000 }, (_, i) => makeCard({ id: `c${i}`, publishedAtMs: i, images: [`ftp://example.org/${i}.jpg`] }))
    service.track(FOLDER, cards.slice(0, 1), [])
    await service.whenIdle()
    service.track(FOLDER, cards, [])
    const meanwhile = await new Promise<number>((resolve) => setImmediate(() => resolve(service.status().total)))
    expect(meanwhile).toBeGreaterThan(0)
    expect(meanwhile).toBeLessThan(cards.length)

    await restart()
    await service.restoreFolder(FOLDER)
    expect(service.status()).toMatchObject({ total: cards.length, failed: cards.length })
  })
})
