// The newest cards read ahead of the first sync: sent first, never twice, and never stale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderLibrary } from './folder-library'
import { readFirstCards } from './first-cards'
import { BROKEN_CARD, CardFolder, cardText } from './testing/card-folder'
import { EventLog, freshState, plain } from './testing/event-log'

describe('cards read ahead of the first sync', () => {
  let folder: CardFolder
  let log: EventLog

  beforeEach(async () => {
    folder = await CardFolder.create('tidings-first-cards-')
    log = new EventLog()
    for (let day = 10; day < 30; day++) await folder.write(`2024-01-${day}-card.md`, cardText({ title: `Jan ${day}`, publishedAt: `2024-01-${day}T08:00:00Z` }))
    await folder.write('2024-12-31-broken.md', BROKEN_CARD)
  })
  afterEach(async () => {
    await folder.dispose()
  })

  const libraryWith = (firstCards: ReturnType<typeof readFirstCards>) =>
    new FolderLibrary({ folder: folder.path, onBatch: (batch) => log.emit({ type: 'batch', batch }), batchSize: 3, workers: 0, firstCards })
  const titlesSent = () => log.batches().flatMap((batch) => batch.upsert.map((card) => card.title))

  it('reads the newest names that parse, leaving a broken one to the scan', async () => {
    const read = await readFirstCards(folder.path, 4)
    expect(read.map((file) => file.path)).toEqual(['2024-01-29-card.md', '2024-01-28-card.md', '2024-01-27-card.md'])
  })

  it('gives nothing for a folder it cannot read', async () => {
    expect(await readFirstCards(`${folder.path}/no-such-folder`)).toEqual([])
  })

  it('sends them before the scan on a fresh folder, reading each file once, and ends as a fresh scan does', async () => {
    const result = await libraryWith(readFirstCards(folder.path, 5)).sync([])

    expect(titlesSent().slice(0, 5)).toEqual(['Jan 29', 'Jan 28', 'Jan 27', 'Jan 26', 'Jan 25'])
    // Each card once: the scan finds the read-ahead files known and unchanged.
    expect(titlesSent()).toHaveLength(20)
    expect(new Set(titlesSent()).size).toBe(20)
    expect(result).toMatchObject({ cards: 20, files: 21, errors: 1, parsed: 21, unchanged: 0 })
    expect(plain(log.state)).toEqual(await freshState(folder.path))
  })

  it('sends nothing for them when the page already holds them (a restart)', async () => {
    const first = libraryWith(readFirstCards(folder.path, 5))
    await first.sync([])
    const manifest = first.manifest()
    log = new EventLog()

    const result = await libraryWith(readFirstCards(folder.path, 5)).sync(manifest)

    expect(titlesSent()).toEqual([])
    expect(result).toMatchObject({ cards: 20, parsed: 0, unchanged: 21 })
  })

  it('sends the file as it is now when it changed after being read ahead', async () => {
    const readAhead = await readFirstCards(folder.path, 5)
    await folder.write('2024-01-29-card.md', cardText({ title: 'Jan 29, corrected', publishedAt: '2024-01-29T08:00:00Z' }))
    await folder.remove('2024-01-28-card.md')

    await libraryWith(Promise.resolve(readAhead)).sync([])

    // What was read ahead went out first (before the folder was listed), then the scan set it right.
    expect(log.batches()[0].upsert.map((card) => card.title)).toEqual(['Jan 29', 'Jan 28', 'Jan 27'])
    expect(plain(log.state)).toEqual(await freshState(folder.path))
    expect([...log.state.cards.values()].map((card) => card.title)).toContain('Jan 29, corrected')
    expect([...log.state.cards.values()].map((card) => card.title)).not.toContain('Jan 28')
  })
})
