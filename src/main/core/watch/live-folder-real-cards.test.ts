import { cp, readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { freshState, plain } from '../library/testing/event-log'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { startedLiveFolder } from './testing/started-live-folder'

const REAL_CARDS = sharedCards('real')
const SETTLE = { timeout: 60_000, interval: 200 }

describe('live folder on the real cards', () => {
  const started = startedLiveFolder('tidings-real-', { workers: 0 })

  it('follows the real folders copied in, reposts becoming aliases, and then taken away', { timeout: 180_000 }, async () => {
    const feeds = await readdir(REAL_CARDS)
    for (const feed of feeds) await cp(resolve(REAL_CARDS, feed), started.folder.abs(feed), { recursive: true })
    await vi.waitFor(async () => expect(plain(started.log.state)).toEqual(await freshState(started.folder.path)), SETTLE)
    expect(started.log.state.files.size).toBe(cardFilesIn(REAL_CARDS).length)
    const withAliases = [...started.log.state.cards.values()].filter((card) => card.aliases.length > 0)
    expect(withAliases.length).toBeGreaterThan(0)

    // Each repost's winning file goes: its alias takes over the story.
    for (const card of withAliases) await started.folder.remove(card.path)
    await vi.waitFor(async () => expect(plain(started.log.state)).toEqual(await freshState(started.folder.path)), SETTLE)
    for (const card of withAliases) expect(started.log.state.cards.get(card.id)?.path).toBe(card.aliases[0])

    await started.folder.remove(feeds[0])
    await vi.waitFor(async () => expect(plain(started.log.state)).toEqual(await freshState(started.folder.path)), SETTLE)
  })
})
