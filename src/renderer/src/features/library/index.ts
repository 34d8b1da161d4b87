/*
 * # The library: the renderer's data layer
 *
 * Start it once, in main.tsx, and wrap the app in the provider:
 *
 *   import { getApi } from '../api'            // Electron preload or the browser host's HTTP client
 *   import { db } from '../db/database'
 *   import { LibraryProvider, startLibrary } from './features/library'
 *
 *   const library = startLibrary(getApi(), db)
 *   createRoot(root).render(<LibraryProvider library={library}><App /></LibraryProvider>)
 *
 * startLibrary opens IndexedDB (rebuilding it when it can't be opened), shows
 * what it holds for the folder main names at once, then asks main for the
 * changes and applies `batch` events in seq order. It never rejects: problems
 * land in `useLibraryStatus().lastError` / `.rebuildMessage`.
 *
 * ## Reading (hooks; all need <LibraryProvider>)
 * - useLibraryRows(): { rows: ReadonlyMap<id, CardRow>, version }  the current folder's light rows
 *   (mutated in place: memoise on `version`, never hold full cards in React state)
 * - useCardStates(): { states: ReadonlyMap<id, {read, starred}>, version }; useCardState(id)
 * - useUnreadCount()
 * - useLibraryStatus(): folder, folderName, available, unavailableReason, phase
 *   ('starting'|'no-folder'|'loading'|'syncing'|'ready'), scanPhase, progress {done,total},
 *   cardCount, errorCount, lastError, imageStatus, rebuildMessage, lastSync
 * - useFolderErrors(): { errors: ReadonlyMap<path, ErrorRow>, version }; useCardError(id) for the badge
 * - useErrors(folder?): ErrorRow[] sorted by path (live from IndexedDB)
 * - useCardDetail(id): Card | null | undefined  (undefined while loading)
 * - useRelatedInFolder(card.related, card.id): (CardRow | null)[] | undefined  "in your folder", per item
 * - useSameStoryCards(card): CardRow[] | undefined  other cards listing the same related coverage
 * - useRecentFolders(): RecentFolderEntry[]; useSavedViews(): SavedView[] | undefined
 * - useSetting(key, fallback)
 * - useImageSrc(url, { visible }): { src, state }  batched, cached, swaps in on `images-ready`
 * - useMenuCommand(handler)
 *
 * ## Acting (useLibrary() returns the LibraryController)
 * setRead, markSeen, setStarred, toggleRead, toggleStarred, markAllRead(ids) -> { changed, undo() },
 * switchFolder(path), chooseFolder() (Electron's dialog; false when cancelled or no dialog:
 * api/hasNativeFolderDialog() says which UI to show), resync(), saveView, deleteView,
 * listSavedViews, getSetting, setSetting, openExternal(url), onMenuCommand(listener),
 * whenIdle() (no sync running, every received batch in IndexedDB: for tests and benchmarks).
 *
 * ## How the data flows
 * - Batches are applied in seq order (held back when one overtakes a missing
 *   predecessor; a gap that lasts, a batch too old to place, or an event-stream
 *   reconnect leads to a resync against the manifest, which repairs anything missed).
 * - The in-memory rows follow each batch at once; IndexedDB writes catch up per
 *   folder behind them (Chromium needs ~0.4 ms a card). useCardDetail serves a
 *   card whose write is still queued from memory.
 * - A restart reads the folder's rows from its row pages (5,000 rows a record,
 *   rewritten when the folder is quiet, marked stale by every card write):
 *   100k rows in about 2 s instead of about 18 s from the cards table.
 * - The rows signal is coalesced (at most every 200 ms while batches stream;
 *   the first rows and folder switches at once): memoise on `version`.
 * - Marks show at once, go to the states table, then to main's journal (retried
 *   until main takes them). At start the table and the journal are merged, newest
 *   mark winning; a lost or unopenable database is rebuilt from the folder and the
 *   journal, and `rebuildMessage` says so.
 */
export { startLibrary, type LibraryOptions } from './controller'
export { LibraryProvider, useLibrary } from './library-context'
export {
  useCardDetail,
  useCardError,
  useCardState,
  useCardStates,
  useErrors,
  useFolderErrors,
  useImageSrc,
  useLibraryRows,
  useLibraryStatus,
  useMenuCommand,
  useRecentFolders,
  useRelatedInFolder,
  useSameStoryCards,
  useSavedViews,
  useSetting,
  useUnreadCount
} from './hooks'
export { relatedItemUrls, toCardRow } from './card-row'
export { UNMARKED } from './types'
export type {
  CardMarkState,
  ErrorsSnapshot,
  ImageSrc,
  ImageSrcState,
  LibraryController,
  LibraryPhase,
  LibraryStatus,
  MarkAllReadResult,
  MenuCommandListener,
  RecentFolderEntry,
  RowsSnapshot,
  SavedViewInput,
  StatesSnapshot
} from './types'
export type { CardRow, ErrorRow, SavedView } from '../../db/database'
