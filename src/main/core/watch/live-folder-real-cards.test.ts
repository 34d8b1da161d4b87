import { cp, readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CardFolder } from '../library/testing/card-folder'
import { EventLog, freshState, plain } from '../library/testing/event-log'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { LiveFolder } from './live-folder'

const REAL_CARDS = sharedCards('real')
const SETTLE = { timeout: 60_000, interval: 200 }

describe('live folder on the real cards', () => {
  let folder: CardFolder
  let log: EventLog
  let live: LiveFolder

  beforeEach(async () => {
    folder = await CardFolder.create('tidings-real-')
    log = new EventLog()
    live = new LiveFolder({ folder: folder.path, emit: log.emit, workers: 0 })
    await live.start()
    await live.sync([])
  })
  afterEach(async () => {
    await live.close()
    await folder.dispose()
  })

  it('follows the real folders copied in, reposts becoming aliases, and then taken away', { timeout: 180_000 }, async () => {
    const feeds = await readdir(REAL_CARDS)
    for (const feed of feeds) await cp(resolve(REAL_CARDS, feed), folder.abs(feed), { recursive: true })
    await vi.waitFor(async () => expect(plain(log.state)).toEqual(await freshState(folder.path)), SETTLE)
    expect(log.state.files.size).toBe(cardFilesIn(REAL_CARDS).length)
    const withAliases = [...log.state.cards.values()].filter((card) => card.aliases.length > 0)
    expect(withAliases.length).toBeGreaterThan(0)

    // Each repost's winning file goes: its alias takes over the story.
    for (const card of withAliases) await folder.remove(card.path)
    await vi.waitFor(async () => expect(plain(log.state)).toEqual(await freshState(folder.path)), SETTLE)
    for (const card of withAliases) expect(log.state.cards.get(card.id)?.path).toBe(card.aliases[0])

    await folder.remove(feeds[0])
    await vi.waitFor(async () => expect(plain(log.state)).toEqual(await freshState(folder.path)), SETTLE)
  })
})
