import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { ManifestEntry } from '../../../shared/contract'
import { PNG, pngOfSize } from './testing/fixtures'
import { makeCard } from './testing/service-harness'
import { heldPng, useImageFixture } from './testing/service-fixture'
import { FOLDERS_DIR, trackingFileOf } from './tracking-file'

const FOLDER = '/cards/news'

const manifestOf = (ids: string[]): ManifestEntry[] => ids.map((id) => ({ path: `${id}.md`, size: 1, mtimeMs: 1, id, publishedAtMs: null }))

describe('the tracked folder across restarts', () => {
  const images = useImageFixture()

  it('counts the folder’s images right after a restart with no batch, and resumes the downloads still owed', async () => {
    const later = heldPng()
    images.server.route('/later.png', later.handler)
    images.open()
    const cards = [
      makeCard({ id: 'a', publishedAtMs: 2, images: [images.server.url('/good.png')], logo: images.server.url('/good.gif') }),
      makeCard({ id: 'b', publishedAtMs: 1, images: [images.server.url('/later.png'), images.server.url('/missing')], related: [{ logo: images.server.url('/good.gif') }] })
    ]
    images.service.track(FOLDER, cards, [])
    await images.service.resolve([], 'background')
    while (images.service.status().pending > 1 || images.server.hits('/later.png') === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const before = images.service.status()
    expect(before).toEqual({ folder: FOLDER, total: 4, cached: 2, failed: 1, pending: 1 })

    await images.reopen()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toEqual(before)

    // The download cut by the close is owed: it runs again with no batch and no request from the page.
    later.release()
    await images.service.whenIdle()
    expect(images.service.status()).toEqual({ folder: FOLDER, total: 4, cached: 3, failed: 1, pending: 0 })
    expect(images.server.hits('/good.png')).toBe(1)
  })

  it('tries an image that failed before the restart again when its retry is due', async () => {
    images.server.route('/busy.png', (_req, res, hit) => {
      if (hit === 1) res.writeHead(429, { 'retry-after': '1' }).end()
      else res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    })
    // A retry a second away is not waited for as pending: the image is failed until then.
    images.open({ maxPendingRetryMs: 100 })
    images.service.track(FOLDER, [makeCard({ id: 'a', images: [images.server.url('/busy.png')] })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 1, failed: 1 })

    await images.reopen({ maxPendingRetryMs: 100 })
    await images.service.restoreFolder(FOLDER)
    await vi.waitFor(() => expect(images.service.status()).toMatchObject({ total: 1, cached: 1, failed: 0 }), { timeout: 5_000, interval: 20 })
    expect(images.server.hits('/busy.png')).toBe(2)
  })

  it('appends the cards that changed to the saved file instead of rewriting it, and a restart reads them all', async () => {
    images.open()
    const url = (name: string) => images.server.url(`/gone/${name}`)
    images.service.track(FOLDER, [makeCard({ id: 'a', images: [url('a1'), url('a2')] }), makeCard({ id: 'b', images: [url('b1')] })], [])
    await images.service.whenIdle()
    const file = trackingFileOf(images.dir, FOLDER)
    const first = await readFile(file, 'utf8')
    // A changed card, a new one and a removed one, in two batches.
    images.service.track(FOLDER, [makeCard({ id: 'b', images: [url('b2'), url('shared')] })], [])
    await images.service.whenIdle()
    images.service.track(FOLDER, [makeCard({ id: 'c', images: [url('shared'), url('c1')] })], ['a'])
    await images.service.whenIdle()
    const before = images.service.status()
    expect(before).toMatchObject({ total: 3, failed: 3 })
    // The same file, grown: what was written first is still there, a removed card's line included.
    const after = await readFile(file, 'utf8')
    expect(after.startsWith(first)).toBe(true)
    expect(after.length).toBeGreaterThan(first.length)

    await images.reopen()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toEqual(before)
    expect(images.service.inspect(url('a1'))?.state).toBe('failed')
  })

  it('forgets removed cards for good, and saved cards the renderer no longer holds', async () => {
    images.open()
    const cards = ['a', 'b', 'c'].map((id) => makeCard({ id, images: [images.server.url(`/${id}.png`)] }))
    for (const id of ['a', 'b', 'c']) images.server.route(`/${id}.png`, (_req, res) => (res.writeHead(200, { 'content-type': 'image/png' }), res.end(PNG)))
    images.service.track(FOLDER, cards, [])
    await images.service.whenIdle()
    images.service.track(FOLDER, [], ['b'])
    await images.service.whenIdle()
    expect(images.service.status().total).toBe(2)

    await images.reopen()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toMatchObject({ total: 2, cached: 2 })
    // A batch after the restore applies on top of the saved cards.
    images.service.track(FOLDER, [makeCard({ id: 'd', images: [images.server.url('/d.png')] })], ['a'])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ total: 2, cached: 1, failed: 1 })

    await images.reopen()
    // The renderer holds only c: nobody will ever send d's removal, so it goes now.
    await images.service.restoreFolder(FOLDER, manifestOf(['c']))
    expect(images.service.status()).toMatchObject({ total: 1, cached: 1, failed: 0 })
    await images.reopen()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toMatchObject({ total: 1, cached: 1 })
  })

  it('starring and unstarring after a restart still protects the right cards from eviction', async () => {
    const size = 20_000
    for (const name of ['a1', 'a2', 'b1', 'b2']) images.server.route(`/${name}.png`, (_req, res) => (res.writeHead(200, { 'content-type': 'image/png' }), res.end(pngOfSize(size))))
    images.open()
    images.service.track(FOLDER, [makeCard({ id: 'a', images: [images.server.url('/a1.png'), images.server.url('/a2.png')] }), makeCard({ id: 'b', images: [images.server.url('/b1.png'), images.server.url('/b2.png')] })], [])
    images.service.setStarred(['a'])
    await images.service.whenIdle()
    expect(images.service.status().cached).toBe(4)

    await images.reopen()
    // As the app does: the journal's stars arrive before the folder is restored.
    images.service.setStarred(['a'])
    await images.service.restoreFolder(FOLDER)
    // Now b is starred instead of a: only b's images may not go.
    images.service.setStarred(['b'])
    images.service.setLimit(2.5 * size)
    await images.service.whenIdle()
    const stateOf = (name: string) => images.service.inspect(images.server.url(`/${name}.png`))?.state
    expect(['a1', 'a2', 'b1', 'b2'].map(stateOf)).toEqual(['pending', 'pending', 'cached', 'cached'])
    expect(images.service.status()).toMatchObject({ total: 4, cached: 2, pending: 2 })
  })

  it('keeps each folder’s cards when switching between folders, in one file per folder named by a hash', async () => {
    images.open()
    images.service.track('/one', [makeCard({ id: 'a', images: [images.server.url('/good.png')] })], [])
    await images.service.whenIdle()
    images.service.track('/two', [makeCard({ id: 'b', images: [images.server.url('/good.jpg'), images.server.url('/missing')] })], [])
    await images.service.whenIdle()
    expect(images.service.status()).toMatchObject({ folder: '/two', total: 2 })
    await images.service.restoreFolder('/one')
    expect(images.service.status()).toEqual({ folder: '/one', total: 1, cached: 1, failed: 0, pending: 0 })

    await images.reopen()
    await images.service.restoreFolder('/two')
    expect(images.service.status()).toEqual({ folder: '/two', total: 2, cached: 1, failed: 1, pending: 0 })
    const files = await readdir(join(images.dir, FOLDERS_DIR))
    expect(files.sort()).toEqual([trackingFileOf(images.dir, '/one'), trackingFileOf(images.dir, '/two')].map((path) => path.split('/').at(-1)).sort())
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{64}\.jsonl$/)
  })

  it('starts afresh from a saved file that is damaged or belongs to another folder', async () => {
    images.open()
    images.service.track(FOLDER, [makeCard({ id: 'a', images: [images.server.url('/good.png')] }), makeCard({ id: 'b', images: [images.server.url('/good.jpg')] })], [])
    await images.service.whenIdle()
    await images.service.close()
    const path = trackingFileOf(images.dir, FOLDER)
    const lines = (await readFile(path, 'utf8')).split('\n')
    // One card's line garbled: the other card still counts.
    const garbled = lines.map((line) => (line.startsWith('["b"') ? '["b",0,[' : line))
    await writeFile(path, garbled.join('\n'))
    images.open()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toMatchObject({ total: 1, cached: 1 })

    await writeFile(path, lines.join('\n').replace(JSON.stringify(FOLDER), JSON.stringify('/elsewhere')))
    await images.reopen()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toMatchObject({ folder: FOLDER, total: 0 })
  })

  it('takes a big batch in slices, answering in between, and saves all of it when closed at once', async () => {
    images.open()
    // Not http: decided at once, no request is made.
    const cards = Array.from({ length: 9_000 }, (_, i) => makeCard({ id: `c${i}`, publishedAtMs: i, images: [`ftp://example.org/${i}.jpg`] }))
    images.service.track(FOLDER, cards.slice(0, 1), [])
    await images.service.whenIdle()
    images.service.track(FOLDER, cards, [])
    const meanwhile = await new Promise<number>((resolve) => setImmediate(() => resolve(images.service.status().total)))
    expect(meanwhile).toBeGreaterThan(0)
    expect(meanwhile).toBeLessThan(cards.length)

    await images.reopen()
    await images.service.restoreFolder(FOLDER)
    expect(images.service.status()).toMatchObject({ total: cards.length, failed: cards.length })
  })
})
