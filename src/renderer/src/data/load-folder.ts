// Reads a folder's light rows out of IndexedDB: the newest screenful first, so
// the list has something to show at once, then everything.
import { Dexie } from 'dexie'
import type { RecentFolder } from '../../../shared/contract'
import type { CardRow, ErrorRow, TidingsDatabase } from '../db/database'
import { loadRowPages } from './row-pages'

const FIRST_SCREEN = 300
const CHUNK = 10_000

/**
 * Feeds `onRows` the folder's rows: the newest screenful at once, then the
 * rest from the row pages when they are valid (fast), else from the cards
 * table. Resolves with where the rest came from.
 */
export async function loadFolderRows(
  db: TidingsDatabase,
  folder: string,
  onRows: (rows: CardRow[]) => void,
  stillWanted: () => boolean = () => true
): Promise<'pages' | 'cards'> {
  const newest = await db.cards
    .where('[folder+publishedAtMs]')
    .between([folder, Dexie.minKey], [folder, Dexie.maxKey])
    .reverse()
    .limit(FIRST_SCREEN)
    .toArray()
  if (!stillWanted()) return 'cards'
  if (newest.length > 0) onRows(newest)
  const paged = await loadRowPages(db, folder)
  if (paged) {
    if (stillWanted()) onRows(paged)
    return 'pages'
  }
  await loadFromCards(db, folder, onRows, stillWanted)
  return 'cards'
}

async function loadFromCards(db: TidingsDatabase, folder: string, onRows: (rows: CardRow[]) => void, stillWanted: () => boolean): Promise<void> {
  let lastId: string | null = null
  for (;;) {
    const lower: [string, unknown] = lastId === null ? [folder, Dexie.minKey] : [folder, lastId]
    const chunk: CardRow[] = await db.cards
      .where('[folder+id]')
      .between(lower, [folder, Dexie.maxKey], lastId === null, true)
      .limit(CHUNK)
      .toArray()
    if (!stillWanted()) return
    if (chunk.length > 0) onRows(chunk)
    if (chunk.length < CHUNK) return
    lastId = chunk[chunk.length - 1].id
  }
}

export function loadFolderErrors(db: TidingsDatabase, folder: string): Promise<ErrorRow[]> {
  return db.errors.where('folder').equals(folder).toArray()
}

/** Records the folders main remembers that IndexedDB does not know yet, so the recent list offers them. */
export async function rememberRecentFolders(db: TidingsDatabase, recent: readonly RecentFolder[]): Promise<void> {
  if (recent.length === 0) return
  await db.transaction('rw', db.folders, async () => {
    const known = await db.folders.bulkGet(recent.map((entry) => entry.folder))
    const missing = recent.filter((_, index) => known[index] === undefined)
    await db.folders.bulkAdd(missing.map((entry) => ({ ...entry, lastSyncAt: null })))
  })
}
