// Opening a story with new coverage "sees" it: the badge goes. That must never mark an unread card read
// (the live fuzz found cards turning read on opening with "Mark cards read" set to never).
import { afterEach, describe, expect, it } from 'vitest'
import { makeCard } from './testing/cards'
import { FakeMain } from './testing/fake-main'
import { freshDbName, startOn, stop, type Started } from './testing/harness'

const FOLDER = '/cards/seen'
const running: Started[] = []

afterEach(async () => {
  for (const started of running.splice(0)) await stop(started)
})

describe('seeing a story again', () => {
  it('reads its read cards again as of now and leaves its unread cards unread', async () => {
    const main = new FakeMain()
    main.addFolder(FOLDER)
    main.initialFolder = FOLDER
    const readBefore = makeCard('seen-read')
    const unread = makeCard('seen-unread')
    main.writeCard(FOLDER, readBefore)
    main.writeCard(FOLDER, unread)
    const started = await startOn(main, freshDbName())
    running.push(started)
    const { library, db } = started
    await library.setRead(readBefore.id, true)
    const firstRead = library.store.mark(readBefore.id)!.readAt!

    await library.markSeen([readBefore.id, unread.id])

    expect(library.store.mark(unread.id)?.read ?? false).toBe(false)
    expect(library.store.mark(readBefore.id)).toMatchObject({ read: true })
    expect(library.store.mark(readBefore.id)!.readAt!).toBeGreaterThan(firstRead)
    expect((await db.states.get(unread.id))?.read ?? false).toBe(false)
    expect((await db.states.get(readBefore.id))?.readAt).toBe(library.store.mark(readBefore.id)!.readAt)
    expect(main.journal.filter((mark) => mark.id === unread.id)).toEqual([])
    expect(main.journal.at(-1)).toMatchObject({ id: readBefore.id, read: true })
  })
})
