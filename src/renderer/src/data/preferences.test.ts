import { describe, expect, it } from 'vitest'
import type { TidingsDatabase } from '../db/database'
import { Preferences } from './preferences'

/** A database whose settings writes wait, as they do behind a sync's bulk writes. */
function busyDatabase() {
  const stored = new Map<string, unknown>()
  const pending: Array<() => void> = []
  const settings = {
    get: async (key: string) => (stored.has(key) ? { key, value: stored.get(key) } : undefined),
    put: ({ key, value }: { key: string; value: unknown }) =>
      new Promise<void>((resolve) =>
        pending.push(() => {
          stored.set(key, value)
          resolve()
        })
      )
  }
  return { db: { settings } as unknown as TidingsDatabase, finishWrites: () => pending.splice(0).forEach((write) => write()) }
}

describe('Preferences', () => {
  it('a setting chosen applies at once, before its IndexedDB write ends, and listeners hear it', async () => {
    const { db, finishWrites } = busyDatabase()
    const preferences = new Preferences(db)
    let heard = 0
    preferences.subscribeChosen(() => heard++)
    const written = preferences.setSetting('markRead', { mode: 'never' })
    expect(heard).toBe(1)
    expect(preferences.chosenSetting('markRead')?.value).toEqual({ mode: 'never' })
    expect(preferences.chosenSetting('markRead')).toBe(preferences.chosenSetting('markRead'))
    expect(await preferences.getSetting('markRead', { mode: 'open' })).toEqual({ mode: 'never' })
    finishWrites()
    await written
    expect(await new Preferences(db).getSetting('markRead', { mode: 'open' })).toEqual({ mode: 'never' })
  })

  it('knows nothing chosen for a setting never set here', () => {
    expect(new Preferences(busyDatabase().db).chosenSetting('markRead')).toBeUndefined()
  })
})
