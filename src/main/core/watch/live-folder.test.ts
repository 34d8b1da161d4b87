import { spawn } from 'node:child_process'
import { chmod, chown, cp, rename, rm } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TidingsEvent } from '../../../shared/contract'
import { BROKEN_CARD, CardFolder, cardText } from '../library/testing/card-folder'
import { EventLog, freshState, plain } from '../library/testing/event-log'
import { FolderWatcher, type FolderWatcherOptions } from './folder-watcher'
import { LiveFolder } from './live-folder'

const SETTLE = { timeout: 15000, interval: 50 }
const NOBODY = 65534

const upsertsIn = (events: TidingsEvent[]) => events.flatMap((event) => (event.type === 'batch' ? event.batch.upsert : []))
const removesIn = (events: TidingsEvent[]) => events.flatMap((event) => (event.type === 'batch' ? event.batch.remove : []))

describe('live folder', () => {
  let folder: CardFolder
  let log: EventLog
  let live: LiveFolder

  const startLive = async () => {
    live = new LiveFolder({ folder: folder.path, emit: log.emit, workers: 0, pollMs: 200, debounceMs: 40, maxWaitMs: 150 })
    await live.start()
    return live.sync([])
  }
  const expectInStepWithDisk = () => vi.waitFor(async () => expect(plain(log.state)).toEqual(await freshState(folder.path)), SETTLE)

  beforeEach(async () => {
    folder = await CardFolder.create()
    log = new EventLog()
    for (let i = 0; i < 5; i++) await folder.write(`2024-01-0${i + 1}-card-${i}.md`, cardText({ title: `Card ${i}`, publishedAt: `2024-01-0${i + 1}T09:00:00Z` }))
  })
  afterEach(async () => {
    await live?.close()
    await folder.dispose()
  })

  it('follows files added, rewritten and deleted', async () => {
    await startLive()
    await expectInStepWithDisk()
    expect(log.of('sync-progress').map((event) => event.phase)).toEqual(expect.arrayContaining(['listing', 'done']))
    expect(log.of('sync-progress').at(-1)).toMatchObject({ folder: folder.path, phase: 'done', done: 5, total: 5 })

    await folder.write('2024-02-01-new.md', cardText({ title: 'Fresh news', url: 'https://news.example.com/fresh' }))
    await expectInStepWithDisk()
    expect([...log.state.cards.values()].map((card) => card.title)).toContain('Fresh news')

    await folder.write('2024-02-01-new.md', cardText({ title: 'Fresh news, updated', url: 'https://news.example.com/fresh', related: 2 }))
    await expectInStepWithDisk()
    expect(log.state.cards.get('https://news.example.com/fresh')?.related).toHaveLength(2)

    await folder.remove('2024-02-01-new.md')
    await expectInStepWithDisk()
    expect(log.state.cards.has('https://news.example.com/fresh')).toBe(false)
  })

  it('keeps the id through a rename or a move into a sub-folder, with no remove on the way', async () => {
    await startLive()
    const url = 'https://news.example.com/moving'
    await folder.write('moving.md', cardText({ title: 'Moving', url }))
    await expectInStepWithDisk()
    const mark = log.mark()

    await folder.move('moving.md', 'renamed.md')
    await expectInStepWithDisk()
    expect(log.state.cards.get(url)?.path).toBe('renamed.md')

    await folder.move('renamed.md', 'archive/2024/renamed.md')
    await expectInStepWithDisk()
    expect(log.state.cards.get(url)?.path).toBe('archive/2024/renamed.md')
    expect(removesIn(log.since(mark))).not.toContain(url)
  })

  it('counts an atomic save (temp file renamed over the card) as one change', async () => {
    await startLive()
    await expectInStepWithDisk()
    const mark = log.mark()
    const url = 'https://news.example.com/Card%202'
    await folder.atomicWrite('2024-01-03-card-2.md', cardText({ title: 'Card 2', url, related: 3 }))
    await expectInStepWithDisk()
    const events = log.since(mark)
    expect(upsertsIn(events).map((card) => card.id)).toEqual([url])
    expect(removesIn(events)).toEqual([])
    expect(log.state.cards.get(url)?.related).toHaveLength(3)
  })

  it('picks up a folder of cards copied in, and forgets one deleted', async () => {
    await startLive()
    const source = await CardFolder.create()
    for (let i = 0; i < 20; i++) await source.write(`batch/${i}.md`, cardText({ title: `Copied ${i}` }))
    await cp(source.abs('batch'), folder.abs('copied'), { recursive: true })
    await source.dispose()
    await expectInStepWithDisk()
    expect(log.state.cards.size).toBe(25)

    await folder.write('copied/deeper/one.md', cardText({ title: 'Deeper' }))
    await expectInStepWithDisk()

    await folder.remove('copied')
    await expectInStepWithDisk()
    expect(log.state.cards.size).toBe(5)
  })

  it('follows a sub-folder renamed, and a new folder made under its old name', async () => {
    await folder.write('inbox/one.md', cardText({ title: 'One', url: 'https://news.example.com/one' }))
    await startLive()
    await folder.move('inbox', 'archive')
    await expectInStepWithDisk()
    expect(log.state.cards.get('https://news.example.com/one')?.path).toBe('archive/one.md')

    await folder.write('inbox/two.md', cardText({ title: 'Two' }))
    await expectInStepWithDisk()
    await folder.write('archive/three.md', cardText({ title: 'Three' }))
    await folder.write('inbox/four.md', cardText({ title: 'Four' }))
    await expectInStepWithDisk()
    expect(log.state.cards.size).toBe(9)
  })

  it('ignores dotfiles, temp files and non-Markdown files', async () => {
    await startLive()
    await expectInStepWithDisk()
    const mark = log.mark()
    await folder.write('.hidden.md', cardText({ title: 'Hidden' }))
    await folder.write('notes.txt', 'not a card')
    await folder.write('card.md~', 'backup')
    await folder.write('.git/objects/x.md', cardText({ title: 'In git' }))
    await folder.write('visible.md', cardText({ title: 'Visible' }))
    await expectInStepWithDisk()
    expect(upsertsIn(log.since(mark)).map((card) => card.title)).toEqual(['Visible'])
  })

  it('keeps the last good version of a card rewritten into a broken file, with an error', async () => {
    await startLive()
    await expectInStepWithDisk()
    await folder.write('2024-01-01-card-0.md', BROKEN_CARD)
    await vi.waitFor(() => expect(log.state.errors.has('2024-01-01-card-0.md')).toBe(true), SETTLE)
    expect(log.state.cards.get('https://news.example.com/Card%200')?.title).toBe('Card 0')
    expect(log.state.cards.size).toBe(5)
  })

  it('keeps everything while the folder is gone, says so, and resumes without re-reading when it returns', async () => {
    await startLive()
    await expectInStepWithDisk()
    const before = plain(log.state)
    const mark = log.mark()

    const away = `${folder.path}-away`
    await rename(folder.path, away)
    await vi.waitFor(() => expect(log.of('folder-status').at(-1)).toMatchObject({ available: false }), SETTLE)
    expect(plain(log.state)).toEqual(before)
    expect(live.available).toBe(false)

    await rename(away, folder.path)
    await vi.waitFor(() => expect(log.of('folder-status').at(-1)).toMatchObject({ available: true }), SETTLE)
    await expectInStepWithDisk()
    // Nothing changed on disk, so nothing was sent again.
    expect(upsertsIn(log.since(mark))).toEqual([])

    // And it is watched again.
    await folder.write('after-return.md', cardText({ title: 'After return' }))
    await expectInStepWithDisk()
    expect([...log.state.cards.values()].map((card) => card.title)).toContain('After return')
  })

  it('recovers when the folder is deleted and restored from a copy', async () => {
    await startLive()
    await expectInStepWithDisk()
    const backup = `${folder.path}-backup`
    await cp(folder.path, backup, { recursive: true, preserveTimestamps: true })

    await folder.remove('')
    await vi.waitFor(() => expect(log.of('folder-status').at(-1)).toMatchObject({ available: false }), SETTLE)
    expect(log.state.cards.size).toBe(5)

    await cp(backup, folder.path, { recursive: true, preserveTimestamps: true })
    await folder.write('while-away.md', cardText({ title: 'Written while away' }))
    await vi.waitFor(() => expect(log.of('folder-status').at(-1)).toMatchObject({ available: true }), SETTLE)
    await expectInStepWithDisk()
    expect(log.state.cards.size).toBe(6)
    await rm(backup, { recursive: true, force: true })
  })

  it('reports a failed watcher, and a restarted one catches up with what it missed', async () => {
    const watchers: { watcher: FolderWatcher; options: FolderWatcherOptions }[] = []
    live = new LiveFolder({
      folder: folder.path,
      emit: log.emit,
      workers: 0,
      pollMs: 200,
      debounceMs: 40,
      watcherRetryMs: [100],
      createWatcher: (options) => {
        const watcher = new FolderWatcher(options)
        watchers.push({ watcher, options })
        return watcher
      }
    })
    await live.start()
    await live.sync([])
    await expectInStepWithDisk()

    // The watcher dies (as on an inotify overflow or a lost handle) and misses a change.
    const [first] = watchers
    first.watcher.close()
    first.options.onError({ code: 'EIO', message: 'Watching failed: EIO' })
    await folder.write('missed.md', cardText({ title: 'Written while the watcher was down' }))

    await vi.waitFor(() => expect(log.of('watch-error')).toMatchObject([{ folder: folder.path, message: 'Watching failed: EIO' }]), SETTLE)
    await expectInStepWithDisk()
    expect(watchers).toHaveLength(2)
    await folder.write('after.md', cardText({ title: 'Seen by the new watcher' }))
    await expectInStepWithDisk()
  })

  // The watching process runs the TypeScript sources through jiti (installed with eslint and vite).
  it('shows an unreadable file as an error, retries it visibly, and reads it once it is readable', { timeout: 90_000 }, async () => {
    // Root reads anything, so the watching process runs as an unprivileged user when the tests run as root.
    const asRoot = process.getuid?.() === 0
    if (asRoot) await chown(folder.path, NOBODY, NOBODY)
    const child = spawn(process.execPath, [fileURLToPath(new URL('./testing/live-folder-child.mjs', import.meta.url)), folder.path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {})
    })
    const childLog = new EventLog()
    let ready = false
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line)
      if (event.type === 'ready') ready = true
      else childLog.emit(event)
    })
    try {
      await vi.waitFor(() => expect(ready, stderr).toBe(true), { timeout: 60_000, interval: 100 })
      const url = 'https://news.example.com/locked'
      await folder.write('locked.md', cardText({ title: 'Locked', url }))
      await chmod(folder.abs('locked.md'), 0o000)
      await vi.waitFor(() => expect(childLog.state.errors.get('locked.md')?.code).toBe('permission-denied'), SETTLE)
      // Tried again, and said so each time, then left for the file's next change.
      await vi.waitFor(() => expect(childLog.of('watch-error').map((event) => event.message)).toEqual([expect.stringContaining('Trying again in 0.2 s'), expect.stringContaining('Trying again in 0.4 s'), expect.stringContaining('read again when it changes')]), SETTLE)
      expect(childLog.state.cards.has(url)).toBe(false)

      await chmod(folder.abs('locked.md'), 0o644)
      await vi.waitFor(() => expect(childLog.state.cards.get(url)?.title).toBe('Locked'), SETTLE)
      expect(childLog.state.errors.has('locked.md')).toBe(false)
      expect(plain(childLog.state)).toEqual(await freshState(folder.path))
    } finally {
      child.kill('SIGTERM')
    }
  })
})

