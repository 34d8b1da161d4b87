// The library feature's public types: what the reader UI builds on.
import type { ImageCacheStatus, ImageState, MenuCommand, SyncResult } from '../../../shared/contract'
import type { CardRow, ErrorRow, SavedView } from '../db/database'

/** A card's read and star flags, as the list needs them. */
export interface CardMarkState {
  read: boolean
  starred: boolean
}

export const UNMARKED: CardMarkState = Object.freeze({ read: false, starred: false })

/**
 * - `starting`: opening IndexedDB and asking main which folder to show.
 * - `no-folder`: nothing to show yet; the UI offers to choose a folder.
 * - `loading`: reading the folder's cards from IndexedDB (rows appear as they load).
 * - `syncing`: main is comparing the folder with what IndexedDB holds; batches stream in, and
 *   IndexedDB catches up behind them (`progress` is the indexing, `saved` the saving).
 * - `ready`: both are done: every card is indexed and saved for offline (live changes keep arriving as batches).
 */
export type LibraryPhase = 'starting' | 'no-folder' | 'loading' | 'syncing' | 'ready'

export interface LibraryStatus {
  folder: string | null
  folderName: string
  /** False when the folder is gone (deleted, drive unplugged); what IndexedDB holds stays visible. */
  available: boolean
  unavailableReason: string | null
  phase: LibraryPhase
  /** Main's scan step while syncing. */
  scanPhase: 'listing' | 'reading' | 'done' | null
  progress: { done: number; total: number }
  /** Cards of this sync saved to IndexedDB (readable offline) of those received so far. */
  saved: { done: number; total: number }
  cardCount: number
  errorCount: number
  /** The latest problem worth telling the user (a failed open, a watcher error...). */
  lastError: string | null
  imageStatus: ImageCacheStatus | null
  /** Set when IndexedDB had to be rebuilt: says why and how many marks came back. */
  rebuildMessage: string | null
  lastSync: SyncResult | null
}

export interface RowsSnapshot {
  /** The current folder's light rows by card id. Mutated in place; `version` changes on every change. */
  rows: ReadonlyMap<string, CardRow>
  version: number
}

export interface StatesSnapshot {
  /** Read/star flags by card id (every folder). Cards without an entry are unread and unstarred. */
  states: ReadonlyMap<string, CardMarkState>
  version: number
}

export interface ErrorsSnapshot {
  /** The current folder's file errors by path. */
  errors: ReadonlyMap<string, ErrorRow>
  version: number
}

export interface RecentFolderEntry {
  folder: string
  name: string
  openedAt: number
  /** True when IndexedDB already holds this folder's cards, so switching to it shows them at once. */
  cached: boolean
}

export type ImageSrcState = ImageState | 'none'

export interface ImageSrc {
  /** A URL the renderer may load (the cached-image protocol or route), or null until cached. */
  src: string | null
  state: ImageSrcState
  /** Why a failed image is not offline (the cache's code, e.g. "private-address"). */
  reason?: string
}

export interface MarkAllReadResult {
  /** How many cards changed from unread to read. */
  changed: number
  /** Puts back exactly the cards this call changed. */
  undo(): Promise<void>
}

export type SavedViewInput = Pick<SavedView, 'name' | 'query' | 'filters'> & { id?: number }

export type MenuCommandListener = (command: MenuCommand) => void
