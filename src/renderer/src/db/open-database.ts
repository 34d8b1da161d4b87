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

/** Opens `db`; on failure deletes it and creates it again. Rejects only when IndexedDB is unusable. */
export async function openDatabase(db: TidingsDatabase): Promise<DatabaseOpening> {
  let rebuiltBecause: string | null = null
  try {
    await db.open()
  } catch (error) {
    rebuiltBecause = describe(error)
    await db.delete({ disableAutoOpen: false })
    await db.open()
  }
  const fresh = (await db.settings.get(CREATED_AT_KEY)) === undefined
  if (fresh) await db.settings.put({ key: CREATED_AT_KEY, value: Date.now() })
  return { fresh, rebuiltBecause }
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
