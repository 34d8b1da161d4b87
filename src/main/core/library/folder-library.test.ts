import { symlink } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderLibrary } from './folder-library'
import { BROKEN_CARD, CardFolder, cardText } from './testing/card-folder'
import { EventLog, freshState, plain } from './testing/event-log'

describe('folder library', () => {
  let folder: CardFolder
  let log: EventLog
  let library: FolderLibrary

  beforeEach(async () => {
    folder = await CardFolder.create()
    log = new EventLog()
    library = new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), batchSize: 3, workers: 0 })
  })
  afterEach(async () => {
    await folder.dispose()
  })

  const expectMatchesFreshScan = async () => expect(plain(log.state)).toEqual(await freshState(folder.path))

  it('sends a new folder newest cards first, in small batches that match a fresh scan', async () => {
    for (let day = 1; day <= 8; day++) await folder.write(`2024-01-0${day}-card.md`, cardText({ title: `Day ${day}`, publishedAt: `2024-01-0${day}T08:00:00Z` }))
    await folder.write('broken.md', BROKEN_CARD)

    const result = await library.sync([])

    expect(result).toMatchObject({ cards: 8, files: 9, errors: 1, parsed: 9, unchanged: 0, removed: 0 })
    const batches = log.batches()
    // A chunk of files read is sent at once: batches hold at most batchSize cards.
    expect(batches.length).toBeGreaterThanOrEqual(3)
    for (const batch of batches) expect(batch.upsert.length).toBeLessThanOrEqual(3)
    expect(batches.flatMap((batch) => batch.upsert.map((card) => card.title))).toEqual(['Day 8', 'Day 7', 'Day 6', 'Day 5', 'Day 4', 'Day 3', 'Day 2', 'Day 1'])
    expect(batches.map((batch) => batch.seq)).toEqual([...batches.map((batch) => batch.seq)].sort((a, b) => a - b))
    // The page waits for this batch before it calls the folder ready: the answer can overtake the batches.
    expect(result.lastSeq).toBe(batches.at(-1)?.seq)
    // Each file's manifest entry rides with its card.
    for (const batch of batches) for (const entry of batch.files.filter((file) => file.id !== null)) expect(batch.upsert.map((card) => card.id)).toContain(entry.id)
    expect(log.state.errors.get('broken.md')?.code).toBeDefined()
    expect(log.state.files.get('broken.md')?.id).toBeNull()
    await expectMatchesFreshScan()
  })

  it('sends the newest page first when a large folder is new, reading each file once', async () => {
    for (let i = 10; i < 30; i++) await folder.write(`2024-01-${i}-card.md`, cardText({ title: `Jan ${i}`, publishedAt: `2024-01-${i}T08:00:00Z` }))
    const url = 'https://news.example.com/reposted'
    // The newest name is an older repost of a story whose original sorts last by name.
    await folder.write('2024-12-31-repost.md', cardText({ title: 'Repost', url, publishedAt: '2023-01-01T00:00:00Z' }))
    await folder.write('2023-01-01-original.md', cardText({ title: 'Original', url, publishedAt: '2024-06-01T00:00:00Z' }))

    const result = await library.sync([])

    // The three newest names, newest card first.
    expect(log.batches()[0].upsert.map((card) => card.title)).toEqual(['Jan 29', 'Jan 28', 'Repost'])
    expect(result).toMatchObject({ cards: 21, files: 22, parsed: 22, unchanged: 0 })
    expect(log.state.cards.get(url)).toMatchObject({ title: 'Original', aliases: ['2024-12-31-repost.md'] })
    await expectMatchesFreshScan()
  })

  it('stops a sync quietly when closed, sending nothing more', async () => {
    for (let i = 0; i < 400; i++) await folder.write(`card-${i}.md`, cardText({ title: `Card ${i}` }))
    const syncing = library.sync([])
    await library.close()
    const sent = log.batches().length
    await expect(syncing).resolves.toMatchObject({ folder: folder.path })
    await library.refresh(['card-1.md'])
    expect(log.batches()).toHaveLength(sent)
  })

  it('re-reads no file when restarted on an unchanged folder, and only what changed otherwise', async () => {
    for (let i = 0; i < 5; i++) await folder.write(`card-${i}.md`, cardText({ title: `Card ${i}` }))
    await folder.write('broken.md', BROKEN_CARD)
    await library.sync([])
    const manifest = [...log.state.files.values()]

    const restarted = new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), workers: 0 })
    const mark = log.mark()
    expect(await restarted.sync(manifest)).toMatchObject({ parsed: 0, unchanged: 6, cards: 5, errors: 1, lastSeq: null })
    expect(log.since(mark)).toEqual([])

    await folder.write('card-2.md', cardText({ title: 'Card 2, rewritten', url: 'https://news.example.com/Card%202', related: 2 }))
    await folder.remove('card-4.md')
    const again = new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), workers: 0 })
    expect(await again.sync(manifest)).toMatchObject({ parsed: 1, unchanged: 4, removed: 1 })
    await expectMatchesFreshScan()
  })

  it('clears the error of a folder link that loops once it is gone, even across a restart', async () => {
    await folder.write('card.md', cardText({ title: 'Card' }))
    await symlink(folder.path, folder.abs('loop'))
    await library.sync([])
    expect(log.state.errors.get('loop')?.code).toBe('symlink-loop')
    await expectMatchesFreshScan()

    await folder.remove('loop')
    const restarted = new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), workers: 0 })
    expect(await restarted.sync([...log.state.files.values()])).toMatchObject({ parsed: 0, errors: 0 })
    expect(log.state.errors.size).toBe(0)
    await expectMatchesFreshScan()
  })

  it('treats two files with one URL as one story: the newest wins, the other is an alias that takes over', async () => {
    const url = 'https://news.example.com/one-story'
    await folder.write('old.md', cardText({ title: 'Old telling', url, publishedAt: '2024-01-01T00:00:00Z' }))
    await folder.write('new.md', cardText({ title: 'New telling', url, publishedAt: '2024-02-01T00:00:00Z' }))
    await library.sync([])
    expect([...log.state.cards.values()]).toMatchObject([{ title: 'New telling', path: 'new.md', aliases: ['old.md'] }])
    await expectMatchesFreshScan()

    await folder.remove('new.md')
    await library.refresh(['new.md'])
    expect([...log.state.cards.values()]).toMatchObject([{ title: 'Old telling', path: 'old.md', aliases: [] }])
    expect(log.batches().flatMap((batch) => batch.remove)).toEqual([])
    await expectMatchesFreshScan()

    await folder.remove('old.md')
    await library.refresh(['old.md'])
    expect(log.state.cards.size).toBe(0)
    await expectMatchesFreshScan()
  })

  it('keeps the last good version of a card that turns bad, with an error, until it is fixed', async () => {
    const url = 'https://news.example.com/turns-bad'
    await folder.write('story.md', cardText({ title: 'Good version', url, related: 1 }))
    await library.sync([])
    const id = [...log.state.cards.keys()][0]

    await folder.write('story.md', BROKEN_CARD)
    await library.refresh(['story.md'])
    expect(log.state.cards.get(id)?.title).toBe('Good version')
    expect(log.state.errors.get('story.md')).toMatchObject({ path: 'story.md' })
    expect(log.batches().flatMap((batch) => batch.remove)).toEqual([])

    // A restart while it is still bad reads nothing and still shows it.
    const restarted = new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), workers: 0 })
    expect(await restarted.sync([...log.state.files.values()])).toMatchObject({ parsed: 0, cards: 1 })

    await folder.write('story.md', cardText({ title: 'Fixed version', url, related: 2 }))
    await restarted.refresh(['story.md'])
    expect(log.state.cards.get(id)?.title).toBe('Fixed version')
    expect(log.state.errors.size).toBe(0)
    await expectMatchesFreshScan()

    await folder.write('story.md', BROKEN_CARD)
    await restarted.refresh(['story.md'])
    await folder.remove('story.md')
    await restarted.refresh(['story.md'])
    expect(log.state.cards.size).toBe(0)
    await expectMatchesFreshScan()
  })

  it('lets a good alias take over from a winner that turned bad', async () => {
    const url = 'https://news.example.com/two-files'
    await folder.write('a.md', cardText({ title: 'Older', url, publishedAt: '2024-01-01T00:00:00Z' }))
    await folder.write('b.md', cardText({ title: 'Newer', url, publishedAt: '2024-03-01T00:00:00Z' }))
    await library.sync([])
    await folder.write('b.md', BROKEN_CARD)
    await library.refresh(['b.md'])
    expect([...log.state.cards.values()]).toMatchObject([{ title: 'Older', path: 'a.md', aliases: [] }])
    expect(log.state.errors.has('b.md')).toBe(true)
  })
})
