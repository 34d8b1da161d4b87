// Marks another device shared through the folder reach the window as a `marks` event.
import { afterEach, describe, expect, it } from 'vitest'
import { makeCard } from './testing/cards'
import { FakeMain } from './testing/fake-main'
import { freshDbName, startOn, stop, type Started } from './testing/harness'

const FOLDER = '/cards/shared'
const running: Started[] = []

afterEach(async () => {
  for (const started of running.splice(0)) await stop(started)
})

describe('marks shared by other devices', () => {
  it('show at once, are stored, and a later local mark on the card comes after them', async () => {
    const main = new FakeMain()
    main.addFolder(FOLDER)
    main.initialFolder = FOLDER
    const card = makeCard('shared-1')
    main.writeCard(FOLDER, card)
    const started = await startOn(main, freshDbName())
    running.push(started)
    const { library, db } = started
    // The other device's clock runs a day ahead.
    const ahead = Date.now() + 86_400_000
    main.emit({ type: 'marks', marks: [{ id: card.id, read: true, readAt: ahead, starred: true, starredAt: ahead, updatedAt: ahead }] })
    expect(library.store.mark(card.id)).toMatchObject({ read: true, starred: true })
    await expect.poll(async () => (await db.states.get(card.id))?.starred).toBe(true)
    // Shared marks are main's already: they are not sent back to be journaled.
    expect(main.journal).toEqual([])

    await library.setStarred(card.id, false)
    const unstarred = library.store.mark(card.id)!
    expect(unstarred).toMatchObject({ read: true, starred: false })
    expect(unstarred.updatedAt).toBeGreaterThan(ahead)
    expect(main.journal.at(-1)).toMatchObject({ id: card.id, starred: false })
  })
})
