// A folder's log of records (the manifest's FilePage, the rows' RowLogRecord), keyed [folder, n] outside the
// value (see LogKey): appended one record per write, read in key order, i.e. the order the writes were made in.
import { Dexie, type Table } from 'dexie'
import type { LogKey } from '../db/database'

/** Every [folder, n] key of a folder. */
const folderKeys = (folder: string): [[string, number], [string, unknown]] => [
  [folder, Dexie.minKey as number],
  [folder, Dexie.maxKey]
]

/** A folder's [folder, n] keys from its first up to `end`; `end` itself is left out with `between(..., true, false)`. */
export const folderKeysBefore = (folder: string, end: number): [[string, number], [string, number]] => [
  [folder, Dexie.minKey as number],
  [folder, end]
]

/**
 * Adds `record` after the folder's last. Inside a read-write transaction on `table`: IndexedDB runs those in the
 * order they were made, so each sees the record the one before it added.
 */
export async function appendToLog<T>(table: Table<T, LogKey>, folder: string, record: T): Promise<unknown> {
  return table.add(record, [folder, await nextInLog(table, folder)])
}

/** The number the folder's next record takes: one past its last (inside the caller's transaction, as appendToLog). */
export async function nextInLog<T>(table: Table<T, LogKey>, folder: string): Promise<number> {
  const last = await table
    .where(':id')
    .between(...folderKeys(folder))
    .reverse()
    .limit(1)
    .primaryKeys()
  return last.length === 0 ? 0 : last[0][1] + 1
}

/** The folder's records, oldest first. */
export function readLog<T>(table: Table<T, LogKey>, folder: string): Promise<T[]> {
  return table.where(':id').between(...folderKeys(folder)).toArray()
}

/** Deletes the folder's records (inside the caller's transaction, when there is one). */
export function clearLog<T>(table: Table<T, LogKey>, folder: string): Promise<number> {
  return table.where(':id').between(...folderKeys(folder)).delete()
}

/** Deletes the folder's records numbered below `end` (inside the caller's transaction, when there is one). */
export function clearLogBefore<T>(table: Table<T, LogKey>, folder: string, end: number): Promise<number> {
  return table.where(':id').between(...folderKeysBefore(folder, end), true, false).delete()
}
