// The image cache as the app drives it: a warm restart on an unchanged folder re-reads no file and
// sends no card, yet the offline count and the downloads still owed come back.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppCore, type AppCore } from '../app-core'
import { CardFolder, cardText } from '../library/testing/card-folder'
import { EventLog } from '../library/testing/event-log'
import type { ImageService } from './image-service'
import { PNG } from './testing/fixtures'
import { startImageServer, type ImageServer } from './testing/image-server'
import { tempDir, testService } from './testing/service-harness'

const SETTLE = { timeout: 15_000, interval: 20 }
const LIVE = { pollMs: 200, debounceMs: 40, maxWaitMs: 150, workers: 0 } as const

describe('app core: image tracking across a restart', () => {
  let server: ImageServer
  let dataDir: Awaited<ReturnType<typeof tempDir>>
  let folder: CardFolder
  const open: Array<AppCore | ImageService> = []
  const held: Array<() => void> = []
  let releaseHeld = false

  beforeEach(async () => {
    releaseHeld = false
    held.length = 0
    server = await startImageServer()
    server.route('/later.png', (_req: IncomingMessage, res: ServerResponse) => {
      const send = () => {
        if (res.destroyed) return
        res.writeHead(200, { 'content-type': 'image/png' })
        res.end(PNG)
      }
      if (releaseHeld) send()
      else held.push(send)
    })
    dataDir = await tempDir('tidings-data-')
    folder = await CardFolder.create('tidings-news-')
    const images = ['/good.png', '/later.png', '/missing']
    for (const [i, path] of images.entries()) await folder.write(`2024-03-0${i + 1}-news-${i}.md`, cardText({ title: `News ${i}`, publishedAt: `2024-03-0${i + 1}T10:00:00Z`, image: server.url(path) }))
  })

  afterEach(async () => {
    for (const closable of open.splice(0)) await closable.close()
    await server.close()
    await folder.dispose()
    await dataDir.remove()
  })

  const start = (log: EventLog) => {
    const images = testService(join(dataDir.path, 'images'))
    const core = createAppCore({ dataDir: dataDir.path, host: 'browser', version: '0.0.0', sampleFolder: null, emit: log.emit, live: LIVE, images })
    open.push(core, images)
    return { core, images }
  }

  it('reports the folder’s totals after a sync that parsed nothing, and resumes the owed download', async () => {
    const firstLog = new EventLog()
    const first = start(firstLog)
    await first.core.syncFolder({ folder: folder.path, manifest: [] })
    const settled = { folder: folder.path, total: 3, cached: 1, failed: 1, pending: 1 }
    await vi.waitFor(async () => {
      expect(await first.core.getImageStatus()).toEqual(settled)
      expect(server.hits('/later.png')).toBe(1)
    }, SETTLE)
    const manifest = [...firstLog.state.files.values()]
    await first.core.close()
    await first.images.close()

    const log = new EventLog()
    const { core, images } = start(log)
    const result = await core.syncFolder({ folder: folder.path, manifest })
    expect(result).toMatchObject({ parsed: 0, unchanged: 3 })
    expect(log.batches().flatMap((batch) => batch.upsert)).toEqual([])
    expect(await core.getImageStatus()).toEqual(settled)

    releaseHeld = true
    for (const send of held.splice(0)) send()
    await vi.waitFor(() => expect(server.hits('/later.png')).toBe(2), SETTLE)
    await images.whenIdle()
    expect(await core.getImageStatus()).toEqual({ ...settled, cached: 2, pending: 0 })
    expect(server.hits('/good.png')).toBe(1)
  })

  it('drops a card deleted while the app was closed, and starts afresh when the page holds nothing', async () => {
    const firstLog = new EventLog()
    const first = start(firstLog)
    await first.core.syncFolder({ folder: folder.path, manifest: [] })
    await vi.waitFor(async () => expect(await first.core.getImageStatus()).toMatchObject({ total: 3, pending: 1 }), SETTLE)
    const manifest = [...firstLog.state.files.values()]
    await first.core.close()
    await first.images.close()
    await folder.remove('2024-03-01-news-0.md')

    const second = start(new EventLog())
    await second.core.syncFolder({ folder: folder.path, manifest })
    expect(await second.core.getImageStatus()).toEqual({ folder: folder.path, total: 2, cached: 0, failed: 1, pending: 1 })
    await second.core.close()
    await second.images.close()

    // A page that lost its database syncs from nothing: the cards on disk come again, and one deleted
    // meanwhile, which no batch will remove (the page does not know it), is not counted either.
    await folder.remove('2024-03-02-news-1.md')
    const third = start(new EventLog())
    await third.core.syncFolder({ folder: folder.path, manifest: [] })
    expect(await third.core.getImageStatus()).toEqual({ folder: folder.path, total: 1, cached: 0, failed: 1, pending: 0 })
  })

  it('counts an unplugged folder’s cached images when it is opened again while still missing', async () => {
    const firstLog = new EventLog()
    const first = start(firstLog)
    await first.core.syncFolder({ folder: folder.path, manifest: [] })
    await vi.waitFor(async () => expect(await first.core.getImageStatus()).toMatchObject({ total: 3, cached: 1, failed: 1 }), SETTLE)
    await first.core.close()
    await first.images.close()

    const unplugged = `${folder.path}-unplugged`
    await rename(folder.path, unplugged)
    try {
      const { core } = start(new EventLog())
      expect(await core.openFolder({ folder: folder.path })).toMatchObject({ available: false })
      await vi.waitFor(async () => expect(await core.getImageStatus()).toMatchObject({ folder: folder.path, total: 3, cached: 1 }), SETTLE)
    } finally {
      await rename(unplugged, folder.path)
    }
  })
})
