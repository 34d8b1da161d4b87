// The small tables the UI watches through Dexie live queries: errors, recent
// folders, saved views and settings. They stay live queries because a sync's
// card writes never touch the ranges they read (live-reads.test.ts proves it on
// a heavy sync): Dexie re-runs a query only when a write intersects what it read,
// and a sync writes errors only for paths that failed and settings only under
// the row-pages key.
import type { ErrorRow, SavedView, TidingsDatabase } from '../db/database'
import type { RecentFolderEntry } from './types'

/** Every file error of a folder, sorted by path. */
export const readErrors = (db: TidingsDatabase, folder: string | null): Promise<ErrorRow[]> | ErrorRow[] =>
  folder ? db.errors.where('folder').equals(folder).sortBy('path') : []

/** Folders opened before, newest first. */
export async function readRecentFolders(db: TidingsDatabase): Promise<RecentFolderEntry[]> {
  return (await db.folders.orderBy('openedAt').reverse().toArray()).map((row) => ({
    folder: row.folder,
    name: row.name,
    openedAt: row.openedAt,
    cached: row.lastSyncAt !== null
  }))
}

/** Saved views, oldest first. */
export const readSavedViews = (db: TidingsDatabase): Promise<SavedView[]> => db.savedViews.orderBy('id').toArray()

/** A setting's value wrapped, or null when unset (so an unset setting is told apart from one still loading). */
export async function readSetting<T>(db: TidingsDatabase, key: string): Promise<{ value: T } | null> {
  const row = await db.settings.get(key)
  return row === undefined ? null : { value: row.value as T }
}
