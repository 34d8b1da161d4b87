// A folder's log of records (the manifest's FilePage, the rows' RowLogRecord), keyed [folder, n] outside the
// value (see LogKey): appended one record per write, read in key order, i.e. the order the writes were made in.
import { Dexie, type Table } from 'dexie'
import type { LogKey } from '../db/database'

const rangeOf = (folder: string): [[string, number], [string, unknown]] => [
  [folder, Dexie.minKey as number],
  [folder, Dexie.maxKey]
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
    .between(...rangeOf(folder))
    .reverse()
    .limit(1)
    .primaryKeys()
  return last.length === 0 ? 0 : last[0][1] + 1
}

/** The folder's records, oldest first. */
export function readLog<T>(table: Table<T, LogKey>, folder: string): Promise<T[]> {
  return table.where(':id').between(...rangeOf(folder)).toArray()
}

/** Deletes the folder's records (inside the caller's transaction, when there is one). */
export function clearLog<T>(table: Table<T, LogKey>, folder: string): Promise<number> {
  return table.where(':id').between(...rangeOf(folder)).delete()
}

/** Deletes the folder's records numbered below `end` (inside the caller's transaction, when there is one). */
export function clearLogBefore<T>(table: Table<T, LogKey>, folder: string, end: number): Promise<number> {
  return table.where(':id').between([folder, Dexie.minKey as number], [folder, end], true, false).delete()
}
