// Saved views and settings: the reader's own choices, kept in IndexedDB beside the cards.
import type { SavedView, TidingsDatabase } from '../db/database'
import type { SavedViewInput } from './types'

/** A setting chosen in this window, held so it applies at once. */
export interface ChosenSetting {
  readonly value: unknown
}

export class Preferences {
  // A settings write can wait seconds behind a sync's bulk writes, and a live query shows it only once written:
  // meanwhile the old choice would still act (cards marked read after the user chose "never").
  private readonly chosen = new Map<string, ChosenSetting>()
  private readonly listeners = new Set<() => void>()

  constructor(private readonly db: TidingsDatabase) {}

  readonly subscribeChosen = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The value chosen in this window for `key`, the same object until it changes; undefined when none was. */
  readonly chosenSetting = (key: string): ChosenSetting | undefined => this.chosen.get(key)

  listSavedViews(): Promise<SavedView[]> {
    return this.db.savedViews.orderBy('id').toArray()
  }

  async saveView(view: SavedViewInput): Promise<number> {
    const existing = view.id === undefined ? undefined : await this.db.savedViews.get(view.id)
    const row: SavedView = { name: view.name, query: view.query, filters: view.filters, createdAt: existing?.createdAt ?? Date.now() }
    if (view.id !== undefined) row.id = view.id
    // An auto-incremented key always comes back as a number.
    return (await this.db.savedViews.put(row)) as number
  }

  async deleteView(id: number): Promise<void> {
    await this.db.savedViews.delete(id)
  }

  async getSetting<T>(key: string, fallback: T): Promise<T> {
    const chosen = this.chosen.get(key)
    if (chosen) return chosen.value as T
    const row = await this.db.settings.get(key)
    return row === undefined ? fallback : (row.value as T)
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    this.chosen.set(key, { value })
    for (const listener of [...this.listeners]) listener()
    await this.db.settings.put({ key, value })
  }
}
