import type { Card, CardError } from '../../../shared/card'
import type { LibraryBatch, ManifestEntry } from '../../../shared/contract'
import type { ScanResult } from '../scan/scan'

/** What a renderer holds for one folder, reduced to plain maps. */
export interface LibraryState {
  cards: Map<string, Card>
  files: Map<string, ManifestEntry>
  errors: Map<string, CardError>
}

export function emptyLibraryState(): LibraryState {
  return { cards: new Map(), files: new Map(), errors: new Map() }
}

/** The reference reducer: applying every batch in seq order leaves the state of a fresh scan. */
export function applyBatch(state: LibraryState, batch: LibraryBatch<Card>): LibraryState {
  for (const id of batch.remove) state.cards.delete(id)
  for (const card of batch.upsert) state.cards.set(card.id, card)
  for (const path of batch.removedFiles) state.files.delete(path)
  for (const entry of batch.files) state.files.set(entry.path, entry)
  for (const path of batch.clearedErrors) state.errors.delete(path)
  for (const error of batch.errors) state.errors.set(error.path, error)
  return state
}

/** The state a fresh scan (no manifest) describes. */
export function stateFromScan(scan: ScanResult): LibraryState {
  const state = emptyLibraryState()
  for (const card of scan.cards) state.cards.set(card.id, card)
  for (const file of scan.scanned) {
    if (file.error?.code === 'vanished') continue
    state.files.set(file.path, { path: file.path, size: file.size, mtimeMs: file.mtimeMs, id: file.card?.id ?? null, publishedAtMs: file.card?.publishedAtMs ?? null })
  }
  for (const error of scan.errors) {
    if (error.code === 'vanished') continue
    state.errors.set(error.path, error)
    // A folder or link that could not be listed is in the manifest like a broken file.
    if (!state.files.has(error.path)) state.files.set(error.path, { path: error.path, size: 0, mtimeMs: 0, id: null, publishedAtMs: null })
  }
  return state
}
