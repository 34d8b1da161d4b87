// A fresh fake-indexeddb database per test, and a library started on it.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { TidingsDatabase, type CardRow } from '../../db/database'
import { loadFolderRows } from '../load-folder'
import { startLibrary, type LibraryOptions } from '../controller'
import type { LibraryController } from '../library-controller'
import { FakeMain } from './fake-main'

let counter = 0

export function freshDbName(): string {
  return `tidings-test-${Date.now()}-${++counter}`
}

export function openTestDb(name: string): TidingsDatabase {
  return new TidingsDatabase(name, { indexedDB, IDBKeyRange })
}

export { indexedDB as fakeIndexedDB }

export interface Started {
  main: FakeMain
  db: TidingsDatabase
  library: LibraryController
}

/** Starts a library and waits until it is in step with the fake main. */
export async function startOn(main: FakeMain, dbName: string, options: LibraryOptions = {}): Promise<Started> {
  const db = openTestDb(dbName)
  const library = startLibrary(main, db, { gapTimeoutMs: 50, retryOpenMs: 50, imageGatherMs: 1, journalRetryMs: 20, ...options })
  await library.whenIdle()
  return { main, db, library }
}

export function titles(library: LibraryController): string[] {
  return [...library.store.getRowsSnapshot().rows.values()].map((row) => row.title).sort()
}

export async function stop({ library, db }: Pick<Started, 'library' | 'db'>): Promise<void> {
  library.dispose()
  db.close()
}

/** The folder's rows as IndexedDB holds them (row log over row pages or cards table), as a restart reads them: by id. */
export async function storedRows(db: TidingsDatabase, folder: string): Promise<Map<string, CardRow>> {
  const rows = new Map<string, CardRow>()
  await loadFolderRows(db, folder, (batch) => batch.forEach((row) => rows.set(row.id, row)))
  return rows
}
