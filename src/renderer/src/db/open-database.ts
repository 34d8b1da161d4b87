// Opening the database, and rebuilding it when it can't be opened. The folder
// restores the cards and main's journal restores the marks, so deleting a
// broken database loses nothing the user made except saved views and settings.
import type { TidingsDatabase } from './database'

const CREATED_AT_KEY = 'createdAt'

export interface DatabaseOpening {
  /** True when the database was created now: first run, wiped, or rebuilt. */
  fresh: boolean
  /** Why the existing database was deleted and rebuilt, or null when it opened. */
  rebuiltBecause: string | null
}

/**
 * Opens `db`; when that fails (a failed upgrade, a database it can't read) or
 * the stores on disk are not the ones the schema names, deletes it and
 * creates it again. Rejects only when IndexedDB itself is unusable.
 */
export async function openDatabase(db: TidingsDatabase): Promise<DatabaseOpening> {
  let rebuiltBecause: string | null = null
  try {
    await db.open()
    rebuiltBecause = schemaProblem(db)
  } catch (error) {
    rebuiltBecause = describe(error)
  }
  if (rebuiltBecause !== null) {
    await db.delete({ disableAutoOpen: false })
    await db.open()
  }
  const fresh = (await db.settings.get(CREATED_AT_KEY)) === undefined
  if (fresh) await db.settings.put({ key: CREATED_AT_KEY, value: Date.now() })
  return { fresh, rebuiltBecause }
}

/**
 * Dexie quietly adds missing stores and accepts a newer on-disk version, so a
 * store whose key differs from the schema (a damaged or foreign database) only
 * shows up as failing writes later. Checked here instead, once.
 */
function schemaProblem(db: TidingsDatabase): string | null {
  const backend = db.backendDB()
  for (const table of db.tables) {
    if (!backend.objectStoreNames.contains(table.name)) return `the ${table.name} store is missing`
  }
  const transaction = backend.transaction(db.tables.map((table) => table.name), 'readonly')
  for (const table of db.tables) {
    const store = transaction.objectStore(table.name)
    if (keyPathText(store.keyPath) !== keyPathText(table.schema.primKey.keyPath)) return `the ${table.name} store has the wrong key`
    const missing = table.schema.indexes.find((index) => !store.indexNames.contains(index.name))
    if (missing) return `the ${table.name} store lacks its ${missing.name} index`
  }
  return null
}

function keyPathText(keyPath: string | ArrayLike<string> | null | undefined): string {
  if (keyPath === null || keyPath === undefined) return ''
  return typeof keyPath === 'string' ? keyPath : Array.from(keyPath).join('+')
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // Dexie wraps the IndexedDB failure; its inner error says what actually went wrong.
    const inner = (error as { inner?: unknown }).inner
    const detail = inner instanceof Error && inner.message !== error.message ? ` (${inner.message})` : ''
    return `${error.name}: ${error.message}${detail}`
  }
  return String(error)
}
