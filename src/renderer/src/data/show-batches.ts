// The part of receiving batches that the reader sees at once: rows and errors in the store,
// before the batches are written to IndexedDB in the background.
import type { LibraryBatch } from '../../../shared/contract'
import { changesOf } from './apply-batch'
import type { LibraryStore } from './library-store'
import type { LibraryStatus } from './types'

/** Errors share the touched set with card ids, under keys no id can take. */
export const errorKey = (path: string): string => `\u0000error:${path}`

export interface ShownBatches {
  /** The batches to write (cleared errors the store never held left out). */
  batches: LibraryBatch[]
  rowsChanged: boolean
}

/**
 * Applies batches of the shown folder to the store. `loading` is the set of ids changed while
 * the folder's rows load from IndexedDB; they are added to it so the load does not overwrite them.
 */
export function showBatches(store: LibraryStore, folder: string, batches: LibraryBatch[], loading: Set<string> | null): ShownBatches {
  if (!loading) {
    const arriving = new Set(batches.flatMap((batch) => batch.errors.map((error) => error.path)))
    batches = batches.map((batch) => withoutUnknownClearedErrors(store, batch, arriving))
  }
  const changes = changesOf(folder, batches)
  if (loading) {
    for (const row of changes.rows) loading.add(row.id)
    for (const id of changes.removedIds) loading.add(id)
    for (const error of changes.errors) loading.add(errorKey(error.path))
    for (const path of changes.clearedErrors) loading.add(errorKey(path))
  }
  store.applyRows(changes.rows, changes.removedIds)
  store.applyErrors(changes.errors, changes.clearedErrors)
  return { batches, rowsChanged: changes.rows.length > 0 || changes.removedIds.length > 0 }
}

/**
 * Main lists every clean path as cleared in a fresh sync; deleting 100k
 * error rows that were never there would cost as much as writing the cards.
 */
function withoutUnknownClearedErrors(store: LibraryStore, batch: LibraryBatch, arriving: ReadonlySet<string>): LibraryBatch {
  if (batch.clearedErrors.length === 0) return batch
  const errors = store.getErrorsSnapshot().errors
  const clearedErrors = batch.clearedErrors.filter((path) => errors.has(path) || arriving.has(path))
  return clearedErrors.length === batch.clearedErrors.length ? batch : { ...batch, clearedErrors }
}

/** The status a folder is shown with while its rows load: nothing known about it yet. */
export function openingStatus(folder: string, folderName: string): Partial<LibraryStatus> {
  return {
    folder,
    folderName,
    available: true,
    unavailableReason: null,
    phase: 'loading',
    scanPhase: null,
    progress: { done: 0, total: 0 },
    saved: { done: 0, total: 0 },
    lastError: null,
    lastSync: null
  }
}
