// The one typed contract between main and renderer. The Electron preload and
// the browser host both expose exactly this; nothing else crosses.
import type { Card, CardError, RelatedItem } from './card'

/** What the renderer already holds for one file of a folder. */
export interface ManifestEntry {
  path: string
  size: number
  mtimeMs: number
  /** The card id the file produced, or null when it was an error. */
  id: string | null
  publishedAtMs: number | null
}

/** A related item as a batch carries it to the page: what the card's list row needs (its title for search, its time). */
export type RelatedSummary = Pick<RelatedItem, 'title' | 'publishedAtMs'>

/**
 * A card as a batch carries it to the page: whole but for its related items, which its packed detail holds in
 * full. Related items are ~93% of a real card's JSON; the page's list row needs only their titles and times.
 * A complete Card is one too (main's own batches, and a card sent without a packed copy).
 */
export type BatchCard = Omit<Card, 'related'> & { related: RelatedSummary[] }

/**
 * One step of keeping the renderer's copy of a folder in line with the disk.
 * Applied in `seq` order; applying every batch leaves the same state as a fresh scan.
 * Main builds batches of complete cards (`LibraryBatch<Card>`); what reaches the page has each packed
 * card's related items summarised (see BatchCard).
 */
export interface LibraryBatch<C extends BatchCard = BatchCard> {
  folder: string
  seq: number
  /** Winning cards, newest first: complete, or summarised where `packed` holds the complete card. */
  upsert: C[]
  /**
   * Each upserted card's JSON, deflated (raw deflate) and base64-encoded, one per upsert in the same order.
   * The page stores these bytes as the card's detail: IndexedDB clones a byte array several times faster
   * than a card object with dozens of related items. Absent (or shorter) when a batch was built without them;
   * such a card travels complete and the page stores the card object.
   */
  packed?: string[]
  /** Card ids that no longer have any file. */
  remove: string[]
  /** Manifest entries added or changed. */
  files: ManifestEntry[]
  /** Manifest paths gone from disk. */
  removedFiles: string[]
  /** Files that failed, by path. A card that turns bad keeps its last good version. */
  errors: CardError[]
  /** Paths whose earlier error is gone. */
  clearedErrors: string[]
}

/**
 * A library change with each kind keyed once, a later change winning: main builds one per
 * round before cutting it into batches, and the renderer folds consecutive batches back into one.
 */
export interface LibraryChange<C extends BatchCard = BatchCard> {
  upserts: Map<string, C>
  /** Card ids that no longer have any file. */
  removed: Set<string>
  files: Map<string, ManifestEntry>
  removedFiles: Set<string>
  errors: Map<string, CardError>
  clearedErrors: Set<string>
}

export interface FolderInfo {
  folder: string
  name: string
  available: boolean
}

export interface RecentFolder {
  folder: string
  name: string
  openedAt: number
}

export interface SyncResult {
  folder: string
  cards: number
  files: number
  errors: number
  /** Files read and parsed in this sync. */
  parsed: number
  /** Files skipped because size and mtime matched the manifest. */
  unchanged: number
  removed: number
  durationMs: number
  /**
   * The seq of the last batch this sync sent; null when it sent none. The result can overtake its batches
   * (they travel as events), so the page has the whole sync only once it has taken in every batch through it.
   */
  lastSeq: number | null
}

/** A card's full read/star state. Last writer (by updatedAt) wins. */
export interface Mark {
  id: string
  read: boolean
  readAt: number | null
  starred: boolean
  starredAt: number | null
  updatedAt: number
}

/** A device that shares its marks through a folder's .tidings/marks/ (this one included). */
export interface MarksSyncDevice {
  id: string
  name: string
  /** Mark lines read from (or written to) its file. */
  marks: number
  /** The newest mark's time, ms. */
  lastMarkAt: number | null
  thisDevice: boolean
}

/** Whether a folder keeps read marks with it ("Keep read marks with the folder"), and how that goes. */
export interface MarksSyncStatus {
  folder: string
  enabled: boolean
  deviceId: string
  deviceName: string
  /** Empty while the setting is off. */
  devices: MarksSyncDevice[]
  /** Lines skipped because they were torn or half-synced, said plainly; null when none. */
  warning: string | null
  /** A failed read or write (a read-only folder, say); marks stay in the local journal meanwhile. */
  error: string | null
}

export type ImageState = 'cached' | 'pending' | 'failed'

export interface ImageResolution {
  url: string
  state: ImageState
  /** Where the renderer may load it from: the cached-image protocol or route. Null until cached. */
  src: string | null
  reason?: string
}

export interface ImageCacheStatus {
  folder: string | null
  total: number
  cached: number
  failed: number
  pending: number
}

/**
 * One card as its file says right now, for the reading pane.
 * - `found`: the card, read from its file(s) just now.
 * - `removed`: the host looked and no file of the folder gives this card any more.
 * - `unknown`: the host cannot say (the folder is not the open one or is unreachable, the file
 *   failed to parse); `reason` says why. The renderer keeps what it has.
 */
export type CardLookup = { state: 'found'; card: Card } | { state: 'removed' } | { state: 'unknown'; reason: string }

export interface MainSettings {
  imageCacheLimitBytes: number
  /** Images may come from loopback, private and link-local addresses (a home server). Off: refused as "private-address". */
  allowPrivateImages: boolean
}

export interface AppInfo {
  host: 'electron' | 'browser'
  version: string
  /** The folder to open at start: the last one used, else the bundled sample. */
  initialFolder: string | null
  recentFolders: RecentFolder[]
  settings: MainSettings
}

/** The newest cards of the folder the page opens first, read from its files while the page loads. */
export interface FirstCards {
  folder: string
  cards: Card[]
  /** The journal's marks of those cards, so a read card is not shown unread until the database opens. */
  marks: Mark[]
}

export type MenuCommand =
  | 'open-folder'
  | 'show-shortcuts'
  | 'focus-search'
  | 'toggle-read'
  | 'toggle-star'
  | 'next'
  | 'previous'
  | 'open-original'
  /** Enter: opens the selected card. */
  | 'open-card'
  /** Esc: clears the search and filters. */
  | 'clear'

export interface TidingsCalls {
  getAppInfo(): Promise<AppInfo>
  /**
   * About a screenful of the newest cards of the folder getAppInfo names (null: no folder), for the page to
   * show before its database or the first sync answer. They are only a preview: the sync still sends them.
   */
  getFirstCards(): Promise<FirstCards | null>
  /** Makes `folder` the watched folder and remembers it. Rejects with a clear message when unusable. */
  openFolder(req: { folder: string }): Promise<FolderInfo>
  /** The native folder dialog; null when cancelled or when the host has none. */
  chooseFolder(): Promise<string | null>
  /** Streams `batch` events until the renderer's copy matches the disk, newest cards first. */
  syncFolder(req: { folder: string; manifest: ManifestEntry[] }): Promise<SyncResult>
  /**
   * Reads one card from the disk now, outside the sync's queue: the reading pane never waits for a
   * sync. `path` is the file the renderer last saw for it (relative), a hint for a host that has not synced yet.
   */
  getCard(req: { folder: string; id: string; path?: string }): Promise<CardLookup>
  /**
   * The renderer's word that every batch up to `seq` is saved in its IndexedDB (or dropped): a sync waits
   * while too many cards it sent are unsaved, so they never pile up in the renderer's memory.
   */
  savedUpTo(req: { seq: number }): Promise<void>
  recordMarks(req: { marks: Mark[] }): Promise<void>
  /** Every mark in the journal, for rebuilding a lost database. */
  loadMarks(): Promise<Mark[]>
  /** Cached URLs come back with a src; the rest are queued, `visible` ones first. */
  resolveImages(req: { urls: string[]; priority: 'visible' | 'background' }): Promise<ImageResolution[]>
  getImageStatus(): Promise<ImageCacheStatus>
  updateSettings(req: Partial<MainSettings>): Promise<MainSettings>
  /** The folder's "Keep read marks with the folder" setting, this device's name and the devices found. */
  getMarksSync(req: { folder: string }): Promise<MarksSyncStatus>
  /** Turns the setting on or off for a folder, and/or renames this device. */
  setMarksSync(req: { folder: string; enabled?: boolean; deviceName?: string }): Promise<MarksSyncStatus>
  /** Opens an http(s) URL in the system browser. False when refused. */
  openExternal(req: { url: string }): Promise<boolean>
}

/** What main tells the renderer. Main's own listeners take `TidingsEvent<Card>`: its batches carry complete cards. */
export type TidingsEvent<C extends BatchCard = BatchCard> =
  | { type: 'batch'; batch: LibraryBatch<C> }
  | { type: 'sync-progress'; folder: string; phase: 'listing' | 'reading' | 'done'; done: number; total: number }
  | { type: 'folder-status'; folder: string; available: boolean; reason?: string }
  | { type: 'watch-error'; folder: string; path?: string; message: string }
  | { type: 'images-ready'; items: ImageResolution[] }
  | { type: 'image-status'; status: ImageCacheStatus }
  | { type: 'menu-command'; command: MenuCommand }
  /** Marks that came from other devices through the folder, already in the journal: newest state per card. */
  | { type: 'marks'; marks: Mark[] }
  | { type: 'marks-sync-status'; status: MarksSyncStatus }

export type TidingsEventListener = (event: TidingsEvent) => void

export interface TidingsApi extends TidingsCalls {
  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: TidingsEventListener): () => void
}

export type CallName = keyof TidingsCalls
export type CallRequest<N extends CallName> = Parameters<TidingsCalls[N]>[0]
export type CallResult<N extends CallName> = Awaited<ReturnType<TidingsCalls[N]>>

export const CALL_NAMES = [
  'getAppInfo',
  'getFirstCards',
  'openFolder',
  'chooseFolder',
  'syncFolder',
  'getCard',
  'savedUpTo',
  'recordMarks',
  'loadMarks',
  'resolveImages',
  'getImageStatus',
  'updateSettings',
  'getMarksSync',
  'setMarksSync',
  'openExternal'
] as const satisfies readonly CallName[]

/** IPC channel of a call, for ipcMain.handle / ipcRenderer.invoke. */
export const callChannel = (name: CallName): string => `tidings:call:${name}`
export const EVENT_CHANNEL = 'tidings:event'

// Fails to compile when a call is added to TidingsCalls but not to CALL_NAMES.
type MissingCallNames = Exclude<CallName, (typeof CALL_NAMES)[number]>
export const CALL_NAMES_ARE_COMPLETE: MissingCallNames extends never ? true : never = true
