// Saved views and settings: the reader's own choices, kept in IndexedDB beside the cards.
import type { SavedView, TidingsDatabase } from '../db/database'
import type { SavedViewInput } from './types'

export class Preferences {
  constructor(private readonly db: TidingsDatabase) {}

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
    const row = await this.db.settings.get(key)
    return row === undefined ? fallback : (row.value as T)
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value })
  }
}
