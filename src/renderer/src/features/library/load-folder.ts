// Reads a folder's light rows out of IndexedDB: the newest screenful first, so
// the list has something to show at once, then everything in key-ordered chunks.
import { Dexie } from 'dexie'
import type { CardRow, ErrorRow, TidingsDatabase } from '../../db/database'

const FIRST_SCREEN = 300
const CHUNK = 10_000

export async function loadFolderRows(
  db: TidingsDatabase,
  folder: string,
  onRows: (rows: CardRow[]) => void,
  stillWanted: () => boolean = () => true
): Promise<number> {
  const newest = await db.cards
    .where('[folder+publishedAtMs]')
    .between([folder, Dexie.minKey], [folder, Dexie.maxKey])
    .reverse()
    .limit(FIRST_SCREEN)
    .toArray()
  if (!stillWanted()) return 0
  if (newest.length > 0) onRows(newest)
  let loaded = 0
  let lastId: string | null = null
  for (;;) {
    const lower: [string, unknown] = lastId === null ? [folder, Dexie.minKey] : [folder, lastId]
    const chunk: CardRow[] = await db.cards
      .where('[folder+id]')
      .between(lower, [folder, Dexie.maxKey], lastId === null, true)
      .limit(CHUNK)
      .toArray()
    if (!stillWanted()) return loaded
    if (chunk.length > 0) onRows(chunk)
    loaded += chunk.length
    if (chunk.length < CHUNK) return loaded
    lastId = chunk[chunk.length - 1].id
  }
}

export function loadFolderErrors(db: TidingsDatabase, folder: string): Promise<ErrorRow[]> {
  return db.errors.where('folder').equals(folder).toArray()
}
