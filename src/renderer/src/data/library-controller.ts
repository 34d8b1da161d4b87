// What the reader UI holds: one controller per window, over the store, the
// image resolver and IndexedDB. Kept apart from ./types, which the store and
// the resolver themselves build on.
import type { StoredDetail } from './stored-detail'
import type { TidingsApi } from '../../../shared/contract'
import type { SavedView, TidingsDatabase } from '../db/database'
import type { CardDetails } from './card-details'
import type { ImageResolver } from './image-resolver'
import type { LibraryStore } from './library-store'
import type { ChosenSetting } from './preferences'
import type { MarkAllReadResult, MenuCommandListener, SavedViewInput } from './types'

export interface LibraryController {
  readonly api: TidingsApi
  readonly db: TidingsDatabase
  /** In-memory rows, marks, errors and status; read them through the hooks. */
  readonly store: LibraryStore
  readonly images: ImageResolver
  /** The reading pane's cards: memory, then IndexedDB and the host together (see useCardDetail). */
  readonly details: CardDetails
  /** Resolves once the first folder's cached rows are shown (or there is no folder). Never rejects. */
  readonly started: Promise<void>

  /** Opens another folder: cached cards show at once, then a sync. Rejects with a readable message when unusable. */
  switchFolder(folder: string): Promise<void>
  /** Electron: the native dialog, then switchFolder. False when cancelled or the host has no dialog. */
  chooseFolder(): Promise<boolean>
  /** Compares the folder with IndexedDB again (after a reconnect, a lost batch, the folder coming back). */
  resync(): Promise<void>

  /** A card received but not yet written to IndexedDB, as it will be stored (null: removed there soon); undefined when IndexedDB is current. */
  unwrittenDetail(id: string): StoredDetail | null | undefined
  /** Ids of cards received but not yet in IndexedDB. For hooks that query IndexedDB. */
  unwrittenIds(): Iterable<string>

  /** Resolves when no sync is running and every batch received so far is in IndexedDB. */
  whenIdle(): Promise<void>

  setRead(id: string, read: boolean): Promise<void>
  setStarred(id: string, starred: boolean): Promise<void>
  /** The read cards among `ids` read again as of now, so coverage "new since you read it" starts over; unread ones stay unread. */
  markSeen(ids: Iterable<string>): Promise<void>
  toggleRead(id: string): Promise<void>
  toggleStarred(id: string): Promise<void>
  markAllRead(ids: Iterable<string>): Promise<MarkAllReadResult>

  listSavedViews(): Promise<SavedView[]>
  /** Adds a view, or replaces the one with the same id. Returns its id. */
  saveView(view: SavedViewInput): Promise<number>
  deleteView(id: number): Promise<void>

  getSetting<T>(key: string, fallback: T): Promise<T>
  /** Applies at once (see chosenSetting), then writes to IndexedDB. */
  setSetting(key: string, value: unknown): Promise<void>
  /** A setting chosen in this window, ahead of its IndexedDB write; the same object until it changes. */
  chosenSetting(key: string): ChosenSetting | undefined
  subscribeChosenSettings(listener: () => void): () => void

  /** Opens an http(s) URL in the system browser (or a new tab in the browser host). */
  openExternal(url: string): Promise<boolean>
  onMenuCommand(listener: MenuCommandListener): () => void

  /** Stops listening to main. */
  dispose(): void
}
