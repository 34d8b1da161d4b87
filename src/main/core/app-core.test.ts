import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Mark } from '../../shared/contract'
import { createAppCore, type AppCore, type AppCoreOptions } from './app-core'
import { createImageService, type ImageService } from './images/image-service'
import { CardFolder, cardText } from './library/testing/card-folder'
import { EventLog, freshState, plain } from './library/testing/event-log'

const SETTLE = { timeout: 15000, interval: 50 }
const LIVE = { pollMs: 200, debounceMs: 40, maxWaitMs: 150, workers: 0 } as const

describe('app core', () => {
  let dataDir: string
  let sample: CardFolder
  let news: CardFolder
  let log: EventLog
  const cores: AppCore[] = []

  const startCore = (extra: Partial<AppCoreOptions> = {}) => {
    const core = createAppCore({ dataDir, host: 'browser', version: '9.9.9', sampleFolder: sample.path, emit: log.emit, live: LIVE, ...extra })
    cores.push(core)
    return core
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tidings-data-'))
    sample = await CardFolder.create('tidings-sample-')
    news = await CardFolder.create('tidings-news-')
    log = new EventLog()
    await sample.write('2024-01-01-sample.md', cardText({ title: 'Sample card' }))
    for (let i = 0; i < 3; i++) await news.write(`2024-03-0${i + 1}-news-${i}.md`, cardText({ title: `News ${i}`, image: `http://127.0.0.1:9/img-${i}.jpg` }))
  })
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close()
    for (const folder of [sample, news]) await folder.dispose()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('starts on the sample folder, then on the last folder used, even while it is missing', async () => {
    const core = startCore()
    expect(await core.getAppInfo()).toMatchObject({ host: 'browser', version: '9.9.9', initialFolder: sample.path, recentFolders: [] })

    const info = await core.openFolder({ folder: news.path })
    expect(info).toMatchObject({ folder: news.path, available: true })
    await core.close()

    const restarted = startCore()
    const appInfo = await restarted.getAppInfo()
    expect(appInfo.initialFolder).toBe(news.path)
    expect(appInfo.recentFolders.map((recent) => recent.folder)).toEqual([news.path])
    expect(JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')).lastFolder).toBe(news.path)

    // Unplugged: the page opens it anyway, shows what it holds and says the folder is unavailable.
    await news.dispose()
    await restarted.close()
    const unplugged = startCore()
    expect((await unplugged.getAppInfo()).initialFolder).toBe(news.path)
    expect(await unplugged.openFolder({ folder: news.path })).toMatchObject({ folder: news.path, available: false })
    await vi.waitFor(() => expect(log.of('folder-status').at(-1)).toMatchObject({ folder: news.path, available: false }), SETTLE)
  })

  it('starts on the sample folder when the last folder is not among the recents', async () => {
    await writeFile(join(dataDir, 'state.json'), JSON.stringify({ lastFolder: news.path, recentFolders: [] }))
    expect((await startCore().getAppInfo()).initialFolder).toBe(sample.path)
  })

  it('gives the page the newest cards of the folder it opens first, read at start, and a fresh read after that', async () => {
    await news.write('2024-03-09-news-late.md', cardText({ title: 'News late' }))
    const core = startCore()
    expect(await core.getFirstCards()).toMatchObject({ folder: sample.path, cards: [{ title: 'Sample card' }] })
    await core.openFolder({ folder: news.path })
    await core.close()

    const restarted = startCore()
    const first = await restarted.getFirstCards()
    expect(first?.folder).toBe(news.path)
    expect(first?.cards.map((card) => card.title)).toEqual(['News late', 'News 2', 'News 1', 'News 0'])
    expect(first?.marks).toEqual([])
    // A page loaded later (a reload) is not given the start's read: a file gone since is not in it.
    await news.remove('2024-03-09-news-late.md')
    const readOne = { id: first!.cards[1].id, read: true, readAt: 9, starred: false, starredAt: null, updatedAt: 9 }
    await restarted.recordMarks({ marks: [readOne] })
    const again = await restarted.getFirstCards()
    expect(again?.cards.map((card) => card.title)).toEqual(['News 2', 'News 1', 'News 0'])
    // With the journal's marks of those cards: a card read before is not shown unread until the database opens.
    expect(again?.marks).toEqual([readOne])
  })

  it('refuses an unusable folder with a message naming it and the reason', async () => {
    const core = startCore()
    const missing = join(news.path, 'no-such-folder')
    await expect(core.openFolder({ folder: missing })).rejects.toThrow(`Cannot open folder ${missing}: it does not exist`)
    await writeFile(news.abs('a-file.md'), 'x')
    await expect(core.openFolder({ folder: news.abs('a-file.md') })).rejects.toThrow('it is a file, not a folder')
    expect((await core.getAppInfo()).recentFolders).toEqual([])
  })

  it('syncs a folder into batches, follows it live, and switches back to a recent folder without re-reading', async () => {
    const core = startCore()
    await core.openFolder({ folder: news.path })
    expect(await core.syncFolder({ folder: news.path, manifest: [] })).toMatchObject({ cards: 3, parsed: 3 })
    expect(plain(log.state)).toEqual(await freshState(news.path))
    const newsManifest = [...log.state.files.values()]

    await news.write('2024-03-09-late.md', cardText({ title: 'Late news' }))
    await vi.waitFor(async () => expect(plain(log.state)).toEqual(await freshState(news.path)), SETTLE)

    await core.openFolder({ folder: sample.path })
    expect(core.activeFolder).toBe(sample.path)
    const sampleLog = new EventLog()
    const unrelated = log.mark()
    await core.syncFolder({ folder: sample.path, manifest: [] })
    for (const event of log.since(unrelated)) sampleLog.emit(event)
    expect(plain(sampleLog.state)).toEqual(await freshState(sample.path))

    // Changes to a folder no longer open are not followed...
    await news.write('2024-03-10-unseen.md', cardText({ title: 'Unseen' }))
    const beforeSwitch = log.mark()
    await core.openFolder({ folder: news.path })
    const result = await core.syncFolder({ folder: news.path, manifest: [...newsManifest, ...[...log.state.files.values()].filter((f) => f.path === '2024-03-09-late.md')] })
    // ...until it is opened again: only what changed is read.
    expect(result).toMatchObject({ parsed: 1, cards: 5 })
    expect(log.since(beforeSwitch).flatMap((event) => (event.type === 'batch' ? event.batch.upsert.map((card) => card.title) : []))).toEqual(['Unseen'])
    expect((await core.getAppInfo()).recentFolders.map((recent) => recent.folder)).toEqual([news.path, sample.path])
    // One gapless sequence across folders, as the renderer's sequencer expects.
    const seqs = log.batches().map((batch) => batch.seq)
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i))
  })

  it('opens a recent folder that is missing as unavailable, and picks it up when it returns', async () => {
    const core = startCore()
    await core.openFolder({ folder: news.path })
    await core.syncFolder({ folder: news.path, manifest: [] })
    const manifest = [...log.state.files.values()]
    await core.openFolder({ folder: sample.path })

    const away = `${news.path}-unplugged`
    await import('node:fs/promises').then((fs) => fs.rename(news.path, away))
    expect(await core.openFolder({ folder: news.path })).toMatchObject({ available: false })
    expect(await core.syncFolder({ folder: news.path, manifest })).toMatchObject({ cards: 3, parsed: 0 })

    await import('node:fs/promises').then((fs) => fs.rename(away, news.path))
    await vi.waitFor(() => expect(log.of('folder-status').at(-1)).toMatchObject({ folder: news.path, available: true }), SETTLE)
  })

  it('journals marks so they survive a restart, newest wins', async () => {
    const mark = (id: string, updatedAt: number, starred: boolean): Mark => ({ id, read: true, readAt: updatedAt, starred, starredAt: starred ? updatedAt : null, updatedAt })
    const core = startCore()
    await core.recordMarks({ marks: [mark('a', 1, true), mark('b', 1, false)] })
    await core.recordMarks({ marks: [mark('a', 2, false)] })
    await core.close()
    const restarted = startCore()
    const marks = await restarted.loadMarks()
    expect(marks.sort((x, y) => x.id.localeCompare(y.id))).toEqual([mark('a', 2, false), mark('b', 1, false)])
  })

  it('answers image calls without an image service', async () => {
    const core = startCore()
    expect(await core.resolveImages({ urls: ['https://x.example/a.jpg'], priority: 'visible' })).toEqual([{ url: 'https://x.example/a.jpg', state: 'pending', src: null }])
    expect(await core.getImageStatus()).toMatchObject({ total: 0, cached: 0, failed: 0, pending: 0 })
  })

  it('keeps settings, and rejects a nonsense cache limit', async () => {
    const core = startCore()
    expect((await core.getAppInfo()).settings.imageCacheLimitBytes).toBe(2 * 1024 ** 3)
    expect(await core.updateSettings({ imageCacheLimitBytes: 5_000_000 })).toEqual({ imageCacheLimitBytes: 5_000_000, allowPrivateImages: false })
    expect(await core.updateSettings({ allowPrivateImages: true })).toEqual({ imageCacheLimitBytes: 5_000_000, allowPrivateImages: true })
    await expect(core.updateSettings({ allowPrivateImages: 'yes' as unknown as boolean })).rejects.toThrow('allowPrivateImages')
    await expect(core.updateSettings({ imageCacheLimitBytes: -1 })).rejects.toThrow('image cache limit')
    await core.close()
    expect((await startCore().getAppInfo()).settings).toEqual({ imageCacheLimitBytes: 5_000_000, allowPrivateImages: true })
  })

  describe('with the image service', () => {
    let images: ImageService
    beforeEach(() => {
      const offline = (async () => {
        throw new TypeError('fetch failed: offline')
      }) as unknown as typeof fetch
      images = createImageService({ cacheDir: join(dataDir, 'images'), srcFor: (hash) => `tidings-image://${hash}`, fetch: offline, retry: { attemptsBeforeFailed: 1, baseDelayMs: 10 } })
    })
    afterEach(async () => {
      await images.close()
    })

    it('tracks the images of synced cards, pins starred ones, and forwards image events', async () => {
      const core = startCore({ images })
      await core.openFolder({ folder: news.path })
      await core.syncFolder({ folder: news.path, manifest: [] })
      await vi.waitFor(async () => expect((await core.getImageStatus()).total).toBe(3), SETTLE)

      const card = [...log.state.cards.values()].find((c) => c.title === 'News 1')!
      await core.recordMarks({ marks: [{ id: card.id, read: false, readAt: null, starred: true, starredAt: 5, updatedAt: 5 }] })
      expect(images.inspect(card.images[0].url)?.pinned).toBe(true)

      await vi.waitFor(() => expect(log.of('image-status').length).toBeGreaterThan(0), SETTLE)
      // A failure is announced to the page that asked for the image (the status counts the rest).
      const asked = 'https://x.example/asked.jpg'
      await core.resolveImages({ urls: [asked], priority: 'visible' })
      await vi.waitFor(() => expect(log.of('images-ready').flatMap((event) => event.items).some((item) => item.url === asked && item.state === 'failed')).toBe(true), SETTLE)
    })
  })
})
