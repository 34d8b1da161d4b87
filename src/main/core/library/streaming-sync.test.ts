// A sync streams the folder in chunks (here of a few files, as batchSize sets
// it), so two files of one story often come in different chunks. Whatever the
// order, the renderer must end with what a fresh scan says.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ManifestEntry } from '../../../shared/contract'
import { FolderLibrary } from './folder-library'
import { BROKEN_CARD, CardFolder, cardText } from './testing/card-folder'
import { EventLog, freshState, plain } from './testing/event-log'
import { seeded } from './testing/seeded'

describe('streaming sync', () => {
  let folder: CardFolder
  let log: EventLog

  beforeEach(async () => {
    folder = await CardFolder.create('tidings-stream-')
    log = new EventLog()
  })
  afterEach(async () => {
    await folder.dispose()
  })

  const libraryWith = (batchSize: number) => new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), batchSize, workers: 0 })
  const cardsByTitle = () => Object.fromEntries([...log.state.cards.values()].map((card) => [card.title, { path: card.path, aliases: card.aliases }]))

  it('ends a cold sync with duplicates split across chunks exactly as a fresh scan', async () => {
    const early = 'https://news.example.com/winner-comes-late'
    const late = 'https://news.example.com/winner-comes-first'
    // Chunks of two files, newest names first. The repost's name is newest, but the original's card is:
    // the winner arrives chunks after its alias.
    await folder.write('2024-09-30-repost.md', cardText({ title: 'Early repost', url: early, publishedAt: '2024-01-01T00:00:00Z' }))
    await folder.write('2020-01-01-original.md', cardText({ title: 'Early original', url: early, publishedAt: '2024-06-01T00:00:00Z' }))
    // The winner comes first and its older copies later, in two other chunks and a sub-folder: its alias list grows afterwards.
    await folder.write('2024-09-29-story.md', cardText({ title: 'Late winner', url: late, publishedAt: '2024-09-29T00:00:00Z' }))
    await folder.write('old/2022-01-01-story.md', cardText({ title: 'Late copy', url: late, publishedAt: '2022-01-01T00:00:00Z' }))
    await folder.write('2021-01-01-story.md', cardText({ title: 'Late oldest copy', url: late, publishedAt: '2021-01-01T00:00:00Z' }))
    for (let day = 10; day < 20; day++) await folder.write(`2024-03-${day}-filler.md`, cardText({ title: `Filler ${day}`, publishedAt: `2024-03-${day}T00:00:00Z` }))
    await folder.write('2023-05-05-broken.md', BROKEN_CARD)

    const result = await libraryWith(2).sync([])

    expect(log.batches().length).toBeGreaterThan(5)
    expect(plain(log.state)).toEqual(await freshState(folder.path))
    expect(cardsByTitle()).toMatchObject({
      'Early original': { path: '2020-01-01-original.md', aliases: ['2024-09-30-repost.md'] },
      'Late winner': { path: '2024-09-29-story.md', aliases: ['old/2022-01-01-story.md', '2021-01-01-story.md'] }
    })
    expect(cardsByTitle()).not.toHaveProperty('Early repost')
    expect(result).toMatchObject({ cards: 12, files: 16, errors: 1 })
  })

  it('re-reads an unchanged winner when a restart finds an older copy of it, and gives it the alias', async () => {
    const url = 'https://news.example.com/kept'
    await folder.write('2024-05-01-kept.md', cardText({ title: 'Kept', url, publishedAt: '2024-05-01T00:00:00Z' }))
    for (let day = 10; day < 16; day++) await folder.write(`2024-04-${day}-other.md`, cardText({ title: `Other ${day}`, publishedAt: `2024-04-${day}T00:00:00Z` }))
    await libraryWith(2).sync([])
    const manifest: ManifestEntry[] = [...log.state.files.values()]

    await folder.write('2024-06-01-copy.md', cardText({ title: 'Older copy', url, publishedAt: '2023-01-01T00:00:00Z' }))
    const result = await libraryWith(2).sync(manifest)

    // The copy, and the winner read again for its card.
    expect(result).toMatchObject({ parsed: 2, unchanged: 7 })
    expect(log.state.cards.get(url)).toMatchObject({ title: 'Kept', aliases: ['2024-06-01-copy.md'] })
    expect(plain(log.state)).toEqual(await freshState(folder.path))
  })

  it('waits for sent batches to drain before reading on, so a slow reader never has the folder queued for it', async () => {
    for (let day = 10; day < 30; day++) await folder.write(`2024-03-${day}-card.md`, cardText({ title: `Card ${day}`, publishedAt: `2024-03-${day}T00:00:00Z` }))
    let release!: () => void
    const drained = new Promise<void>((resolve) => (release = resolve))
    let drains = 0
    const library = new FolderLibrary({
      folder: folder.path,
      onBatch: (batch) => log.emit({ type: 'batch', batch }),
      batchSize: 4,
      workers: 0,
      drain: () => (++drains === 1 ? drained : Promise.resolve())
    })
    const syncing = library.sync([])
    await vi.waitFor(() => expect(drains).toBe(1))
    // Held on the first drain: one chunk sent, nothing more read.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(log.batches()).toHaveLength(1)
    release()
    await expect(syncing).resolves.toMatchObject({ cards: 20, parsed: 20 })
    expect(plain(log.state)).toEqual(await freshState(folder.path))
  })

  // Many files per story, broken files, sub-folders; synced cold, then changed and synced again from the old manifest.
  it.each([1, 2, 3, 4, 5])('matches a fresh scan for a random folder, cold and after changes (seed %i)', async (seed) => {
    const random = seeded(seed)
    const urls = Array.from({ length: 8 }, (_, i) => `https://news.example.com/story-${i}`)
    const folders = ['', 'a/', 'a/b/', 'c/']
    const paths = new Set<string>()
    const writeRandom = async () => {
      const path = `${random.pick(folders)}2024-0${1 + random.int(9)}-${10 + random.int(18)}-f${random.int(1000)}.md`
      paths.add(path)
      if (random.int(8) === 0) return folder.write(path, BROKEN_CARD)
      const publishedAt = `2024-0${1 + random.int(3)}-1${random.int(3)}T00:00:00Z`
      await folder.write(path, cardText({ title: `T${random.int(1000)}`, url: random.pick(urls), publishedAt, related: random.int(3) }))
    }
    for (let i = 0; i < 40; i++) await writeRandom()
    await libraryWith(1 + random.int(4)).sync([])
    expect(plain(log.state)).toEqual(await freshState(folder.path))

    const manifest: ManifestEntry[] = [...log.state.files.values()]
    for (let i = 0; i < 15; i++) {
      if (random.int(3) === 0) {
        const gone = random.pick([...paths])
        paths.delete(gone)
        await folder.remove(gone)
      } else await writeRandom()
    }
    await libraryWith(1 + random.int(4)).sync(manifest)
    expect(plain(log.state)).toEqual(await freshState(folder.path))
  })
})
