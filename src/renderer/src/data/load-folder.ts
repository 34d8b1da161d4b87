// Reads a folder's light rows out of IndexedDB: the newest screenful first, so
// the list has something to show at once, then everything.
import { Dexie } from 'dexie'
import type { RecentFolder } from '../../../shared/contract'
import type { CardRow, ErrorRow, TidingsDatabase } from '../db/database'
import { readLog } from './folder-log'
import { loadRowPages } from './row-pages'

const FIRST_SCREEN = 300
const CHUNK = 10_000

/** The folder's row log folded in write order: the rows it puts and the ids it removes from the base. */
async function foldRowLog(db: TidingsDatabase, folder: string): Promise<{ rows: Map<string, CardRow>; removed: Set<string> }> {
  const rows = new Map<string, CardRow>()
  const removed = new Set<string>()
  for (const record of await readLog(db.rowLog, folder)) {
    for (const id of record.removed) {
      rows.delete(id)
      removed.add(id)
    }
    for (const row of record.rows) {
      removed.delete(row.id)
      rows.set(row.id, row)
    }
  }
  return { rows, removed }
}

/**
 * Feeds `onRows` the folder's rows: the row log's (what the writes since the row pages were saved put, a fresh
 * sync's cards among them) and the cards table's newest screenful at once, then the rest from the row pages when
 * they are valid (fast), else from the cards table. Rows the log removes or rewrites are never fed from the base.
 * Resolves with 'pages' when the pages held it all, else 'cards' (the pages are worth saving again).
 */
export async function loadFolderRows(
  db: TidingsDatabase,
  folder: string,
  onRows: (rows: CardRow[]) => void,
  stillWanted: () => boolean = () => true
): Promise<'pages' | 'cards'> {
  const log = await foldRowLog(db, folder)
  const fromBase = (rows: CardRow[]): CardRow[] => (log.rows.size === 0 && log.removed.size === 0 ? rows : rows.filter((row) => !log.removed.has(row.id) && !log.rows.has(row.id)))
  const feed = (rows: CardRow[]): void => {
    if (rows.length > 0) onRows(rows)
  }
  const newest = await db.cards
    .where('[folder+publishedAtMs]')
    .between([folder, Dexie.minKey], [folder, Dexie.maxKey])
    .reverse()
    .limit(FIRST_SCREEN)
    .toArray()
  if (!stillWanted()) return 'cards'
  feed([...log.rows.values()])
  feed(fromBase(newest))
  const paged = await loadRowPages(db, folder)
  if (paged) {
    if (stillWanted()) feed(fromBase(paged))
    return log.rows.size === 0 && log.removed.size === 0 ? 'pages' : 'cards'
  }
  await loadFromCards(db, folder, (rows) => feed(fromBase(rows)), stillWanted)
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
