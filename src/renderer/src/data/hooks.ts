// The hooks the reader UI reads the library through. Big, hot data (100k rows,
// marks, status) comes from the in-memory store via useSyncExternalStore; small
// tables a sync does not write (errors, recent folders, saved views, settings:
// see live-reads.ts) are Dexie live queries; one card's detail is neither
// (card-details.ts), and the related-in-folder lookup reads the store's URL map.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { Card, RelatedItem } from '../../../shared/card'
import type { MenuCommand } from '../../../shared/contract'
import type { CardRow, ErrorRow, SavedView } from '../db/database'
import { paneCard, type CardDetailState } from './card-details'
import { relatedItemUrls } from './card-row'
import { NO_IMAGE } from './image-resolver'
import { useLibrary } from './library-context'
import { readErrors, readRecentFolders, readSavedViews, readSetting } from './live-reads'
import {
  UNMARKED,
  type CardMarkState,
  type ErrorsSnapshot,
  type ImageSrc,
  type LibraryStatus,
  type RecentFolderEntry,
  type RowsSnapshot,
  type StatesSnapshot
} from './types'

/** The current folder's light rows. Use `version` as the memo key: the map is mutated in place. */
export function useLibraryRows(): RowsSnapshot {
  const { store } = useLibrary()
  return useSyncExternalStore(store.subscribeRows, store.getRowsSnapshot)
}

/** Read/star flags of every card; `version` changes on every mark. */
export function useCardStates(): StatesSnapshot {
  const { store } = useLibrary()
  return useSyncExternalStore(store.subscribeStates, store.getStatesSnapshot)
}

/** One card's flags; re-renders only when that card's flags change. */
export function useCardState(id: string | null | undefined): CardMarkState {
  const { store } = useLibrary()
  const read = useCallback(() => (id ? (store.mark(id) ?? UNMARKED) : UNMARKED), [store, id])
  return useSyncExternalStore(store.subscribeStates, read)
}

/** How many of the current folder's cards are unread. */
export function useUnreadCount(): number {
  const { store } = useLibrary()
  useSyncExternalStore(store.subscribeStates, () => store.unreadCount())
  return useSyncExternalStore(store.subscribeRows, () => store.unreadCount())
}

export function useLibraryStatus(): LibraryStatus {
  const { store } = useLibrary()
  return useSyncExternalStore(store.subscribeStatus, store.getStatus)
}

/**
 * The current folder alone. A sync changes the status many times a second (progress, saved, counts): a
 * component that needs only the folder (or the phase) re-renders when that changes, not on every count.
 */
export function useCurrentFolder(): string | null {
  const { store } = useLibrary()
  return useSyncExternalStore(store.subscribeStatus, () => store.getStatus().folder)
}

/** The status's phase alone (see useCurrentFolder). */
export function useLibraryPhase(): LibraryStatus['phase'] {
  const { store } = useLibrary()
  return useSyncExternalStore(store.subscribeStatus, () => store.getStatus().phase)
}

/** The current folder's file errors by path (for the count and the error badges). */
export function useFolderErrors(): ErrorsSnapshot {
  const { store } = useLibrary()
  return useSyncExternalStore(store.subscribeErrors, store.getErrorsSnapshot)
}

/** The error of a card's file, when its last rewrite failed (the card keeps its last good version). */
export function useCardError(id: string | null | undefined): ErrorRow | null {
  const { store } = useLibrary()
  const read = useCallback(() => {
    const row = id ? store.row(id) : undefined
    return (row && store.getErrorsSnapshot().errors.get(row.path)) ?? null
  }, [store, id])
  useSyncExternalStore(store.subscribeRows, read)
  return useSyncExternalStore(store.subscribeErrors, read)
}

/** Every file error of a folder (default: the current one), sorted by path. */
export function useErrors(folder?: string | null): ErrorRow[] {
  const { db } = useLibrary()
  const current = useCurrentFolder()
  const target = folder === undefined ? current : folder
  return useLiveQuery(() => readErrors(db, target), [db, target], [])
}

/**
 * The reading pane's card and how it stands: loading, found, removed (the host
 * said its file is gone) or failed (with why). Always about `id`, never the
 * card shown before it. Null when no card is open.
 */
export function useCardDetailState(id: string | null | undefined): CardDetailState | null {
  const { details } = useLibrary()
  const folder = useCurrentFolder()
  const subscribe = useCallback((listener: () => void) => (folder && id ? details.subscribe(folder, id, listener) : () => {}), [details, folder, id])
  const read = useCallback(() => (folder && id ? details.get(folder, id) : null), [details, folder, id])
  return useSyncExternalStore(subscribe, read)
}

/** How long the rows on screen must stay put before their cards are read ahead: scrolling past reads nothing. */
const READ_AHEAD_DELAY_MS = 120

/**
 * Reads the cards of the rows on screen into memory (from IndexedDB, see CardDetails.prefetch), so a click
 * paints at once even while a sync keeps IndexedDB busy. They stay in memory while they are on screen.
 */
export function useReadAhead(ids: readonly string[]): void {
  const { details } = useLibrary()
  const folder = useCurrentFolder()
  const key = ids.join('\n')
  useEffect(() => {
    if (!folder || key === '') return
    let release: (() => void) | null = null
    const timer = setTimeout(() => (release = details.prefetch(folder, key.split('\n'))), READ_AHEAD_DELAY_MS)
    return () => {
      clearTimeout(timer)
      release?.()
    }
  }, [details, folder, key])
}

/** The full card for the reading pane: undefined while loading (or when it failed to load), null when it is not in the folder. */
export function useCardDetail(id: string | null | undefined): Card | null | undefined {
  return paneCard(useCardDetailState(id))
}

/**
 * For each related item, the card of the current folder that is the same story
 * (matched by any of the item's URLs), or null. The store holds every row of the folder, IndexedDB's and
 * those a sync brought since, with their URLs mapped (a read of IndexedDB here queued behind a sync's writes).
 * The answer keeps its identity while no item's card changes, so a sync's batches do not re-render the
 * related list (up to ~180 items) a few times a second.
 */
export function useRelatedInFolder(items: readonly RelatedItem[] | null | undefined, excludeId?: string | null): ReadonlyArray<CardRow | null> {
  const { store } = useLibrary()
  const urlsPerItem = useMemo(() => (items ?? []).map(relatedItemUrls), [items])
  const last = useRef<{ urlsPerItem: string[][]; excludeId: string | null | undefined; found: ReadonlyArray<CardRow | null> } | null>(null)
  const read = useCallback(() => {
    const found = urlsPerItem.map((urls) => {
      for (const url of urls) {
        const id = store.rowIdByUrl(url)
        if (id !== undefined && id !== excludeId) return store.row(id) ?? null
      }
      return null
    })
    const before = last.current
    if (before && before.urlsPerItem === urlsPerItem && before.excludeId === excludeId && sameRows(before.found, found)) return before.found
    last.current = { urlsPerItem, excludeId, found }
    return found
  }, [store, urlsPerItem, excludeId])
  return useSyncExternalStore(store.subscribeRows, read)
}

const sameRows = (a: ReadonlyArray<CardRow | null>, b: ReadonlyArray<CardRow | null>): boolean => a.length === b.length && a.every((row, at) => row === b[at])

/** Folders opened before, newest first. */
export function useRecentFolders(): RecentFolderEntry[] {
  const { db } = useLibrary()
  return useLiveQuery(() => readRecentFolders(db), [db], [])
}

/** Saved views, oldest first; undefined while loading. */
export function useSavedViews(): SavedView[] | undefined {
  const { db } = useLibrary()
  return useLiveQuery(() => readSavedViews(db), [db])
}

/** A value from the settings table, live; `fallback` until it loads or when unset. A choice made here applies at once. */
export function useSetting<T>(key: string, fallback: T): T {
  const library = useLibrary()
  const { db } = library
  const chosen = useSyncExternalStore(library.subscribeChosenSettings, () => library.chosenSetting(key))
  const found = useLiveQuery(() => readSetting<T>(db, key), [db, key])
  if (chosen) return chosen.value as T
  return found ? found.value : fallback
}

/**
 * A loadable src for an image URL. On-screen images (`visible`) are fetched
 * first; the answer swaps in when main has cached the file.
 */
export function useImageSrc(url: string | null | undefined, { visible = true }: { visible?: boolean } = {}): ImageSrc {
  const { images } = useLibrary()
  const subscribe = useCallback((listener: () => void) => (url ? images.subscribe(url, listener) : () => {}), [images, url])
  const read = useCallback(() => (url ? images.get(url) : NO_IMAGE), [images, url])
  const value = useSyncExternalStore(subscribe, read)
  useEffect(() => {
    if (url) images.request(url, visible ? 'visible' : 'background')
  }, [images, url, visible])
  return value
}

/** Calls `handler` for every menu command (Electron menu, accelerators). */
export function useMenuCommand(handler: (command: MenuCommand) => void): void {
  const library = useLibrary()
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => library.onMenuCommand((command) => latest.current(command)), [library])
}
