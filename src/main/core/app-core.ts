// The contract's handlers that do not depend on the host: both the Electron
// IPC glue and the browser host call these, and add chooseFolder and
// openExternal themselves. One folder is live (watched) at a time.
import { readdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import type { Card } from '../../shared/card'
import type { AppInfo, CardLookup, FirstCards, FolderInfo, ImageCacheStatus, ImageResolution, MainSettings, ManifestEntry, Mark, SyncResult, TidingsCalls, TidingsEvent } from '../../shared/contract'
import type { ImageService } from './images/image-service'
import { AppStateStore, isValidCacheLimit, withFolderOpened } from './journal/app-state'
import { openMarkJournal } from './journal/mark-journal'
import { createSeqCounter } from './library/folder-library'
import { readFirstCards } from './library/first-cards'
import type { FileResult } from './library/change-round'
import { createMarksSyncManager, type MarksSyncManagerOptions } from './marks-sync/marks-sync-manager'
import { safeCardPath } from './library/read-one-card'
import { sendIsolated } from './library/isolate-batch'
import { toPageBatch } from './library/page-batch'
import { FolderUnusableError, folderUnusableReason, statFolder } from './folders'
import { LiveFolder, type LiveFolderOptions } from './watch/live-folder'
import { SerialQueue } from '../../shared/serial-queue'

/** The part of the image service the app core drives. */
export type AppImageService = Pick<ImageService, 'track' | 'restoreFolder' | 'setStarred' | 'resolve' | 'status' | 'setLimit' | 'setAllowPrivateImages' | 'onReady' | 'onStatus'>

export interface AppCoreOptions {
  /** Where state.json and marks.jsonl live. */
  dataDir: string
  host: 'electron' | 'browser'
  version: string
  /** The bundled sample folder, opened when there is no last folder (a first run). */
  sampleFolder: string | null
  emit: (event: TidingsEvent) => void
  /**
   * Resolves once the events emitted so far have left the process (or a reader is too slow to wait for).
   * A sync waits on it between chunks, so a slow page holds the reading back instead of queueing cards in memory.
   */
  drain?: () => Promise<void>
  /** Optional: without it images stay pending and the status is all zeros. The host owns and closes it. */
  images?: AppImageService
  /** Timings and sizes of the live folder (tests shorten them). */
  live?: Partial<Omit<LiveFolderOptions, 'folder' | 'emit' | 'nextSeq'>>
  /** Timings and sizes of the marks shared through folders (tests shorten them). */
  marksSync?: MarksSyncManagerOptions['session']
}

/** The hosts answer savedUpTo themselves: it paces their events (see library/page-backlog.ts). */
export type AppCoreCalls = Omit<TidingsCalls, 'chooseFolder' | 'openExternal' | 'savedUpTo'>

export interface AppCore extends AppCoreCalls {
  /** The folder being watched, if any. */
  readonly activeFolder: string | null
  /** Stops watching and flushes the journal. Does not close the image service. */
  close(): Promise<void>
}

/** `~` and relative paths, as typed into the browser host's path field, made absolute. */
export function normalizeFolderPath(folder: string): string {
  const trimmed = folder.trim()
  if (trimmed === '~') return homedir()
  if (trimmed.startsWith('~/')) return join(homedir(), trimmed.slice(2))
  return resolve(trimmed)
}

/** Throws FolderUnusableError (naming the folder and the reason) unless it is a readable folder. */
export async function checkFolderUsable(folder: string): Promise<void> {
  await statFolder(folder)
  try {
    await readdir(folder)
  } catch (error) {
    throw new FolderUnusableError(folder, folderUnusableReason(error))
  }
}


export function createAppCore(options: AppCoreOptions): AppCore {
  const { images } = options
  const journal = openMarkJournal(options.dataDir)
  const store = AppStateStore.open(options.dataDir)
  // One counter for every folder: the renderer sees one gapless sequence as folders switch.
  const nextSeq = createSeqCounter()
  const starred = new Set<string>()
  let live: LiveFolder | null = null
  const switching = new SerialQueue()
  let closed = false
  const marksSync = createMarksSyncManager({
    dataDir: options.dataDir,
    // Marks sync never sends batches.
    emit: (event) => (event.type === 'batch' ? undefined : emit(event)),
    loadLocal: () => journal.load(),
    takeRemote: async (marks) => void (await takeMarks(marks)),
    // Empty until a sync has read the folder; the sync's end shares what it found.
    cardIds: (folder) => (live?.folder === folder ? new Set(live.manifest().flatMap((entry) => (entry.id === null ? [] : [entry.id]))) : null),
    session: options.marksSync
  })

  // A failing listener never stalls the library: a renderer that misses a batch sees the gap in seq and syncs again.
  const emit = (event: TidingsEvent<Card>): void => {
    if (closed) return
    try {
      // A batch the host cannot send whole goes in parts, so one card never costs the others theirs.
      if (event.type === 'batch') sendIsolated(toPageBatch(event.batch), (batch) => options.emit({ type: 'batch', batch }), nextSeq)
      else options.emit(event)
    } catch (error) {
      console.error('tidings: an event listener failed:', error)
    }
    if (event.type === 'batch' && images) {
      try {
        images.track(event.batch.folder, event.batch.upsert, event.batch.remove)
      } catch (error) {
        console.error('tidings: the image cache could not take a batch:', error)
      }
    }
    // A folder back from an unplugged drive shares its marks again; one that went stops until it returns.
    if (event.type === 'folder-status' && event.folder === live?.folder) void marksSync.activate(event.folder, event.available)
  }

  const unsubscribe = images
    ? [images.onReady((items) => emit({ type: 'images-ready', items })), images.onStatus((status) => emit({ type: 'image-status', status }))]
    : []

  // The folder the page will open first has its newest cards read while the page loads (see first-cards).
  let readAhead: { folder: string; cards: Promise<FileResult[]> } | null = null
  // The same read answers the page's getFirstCards once; a page loaded later gets a fresh read (see getFirstCards).
  let readAtStart: { folder: string; cards: Promise<FileResult[]> } | null = null
  const firstCardsOf = (folder: string): Promise<FileResult[]> => {
    const cards = readAhead?.folder === folder ? readAhead.cards : readFirstCards(folder)
    readAhead = null
    // A folder opened before the page asked (the browser host opens its folder at start): the page gets this read.
    if (readAtStart?.folder !== folder) readAtStart = { folder, cards }
    return cards
  }

  // Starred cards' images are never evicted: the journal's stars reach the image service at start.
  const ready = (async () => {
    const state = (await store).get()
    const initial = initialFolderOf(state)
    if (initial !== null) readAhead = readAtStart = { folder: normalizeFolderPath(initial), cards: readFirstCards(normalizeFolderPath(initial)) }
    images?.setLimit(state.settings.imageCacheLimitBytes)
    images?.setAllowPrivateImages(state.settings.allowPrivateImages)
    if (images) {
      for (const mark of await journal.load()) if (mark.starred) starred.add(mark.id)
      images.setStarred([...starred])
    }
  })()
  // Reported by the first call that waits on it, never as an unhandled rejection.
  ready.catch(() => undefined)

  /** Makes `folder` the live one; the previous folder stops being watched. */
  const activate = (folder: string): Promise<LiveFolder> => {
    return switching.run(async () => {
      if (closed) throw new Error('Tidings is shutting down')
      if (live?.folder === folder) return live
      await live?.close()
      live = new LiveFolder({ ...options.live, folder, emit, nextSeq, drain: options.drain, firstCards: firstCardsOf(folder) })
      await live.start()
      return live
    })
  }

  const openFolder = async ({ folder }: { folder: string }): Promise<FolderInfo> => {
    await ready
    const path = normalizeFolderPath(folder)
    const state = (await store).get()
    const known = state.recentFolders.some((recent) => recent.folder === path)
    try {
      await checkFolderUsable(path)
    } catch (error) {
      // A recent folder on an unplugged drive still opens: the renderer shows what it has, marked unavailable.
      const missing = error instanceof FolderUnusableError && error.reason === 'it does not exist'
      if (!(known && missing)) throw error
    }
    await (await store).update((current) => withFolderOpened(current, path))
    const folderLive = await activate(path)
    await marksSync.activate(path, folderLive.available)
    // An unplugged folder gets no sync, yet its cached images still count toward offline readiness.
    if (!folderLive.available) images?.restoreFolder(path).catch((error: unknown) => console.error('tidings: the image cache could not restore the folder:', error))
    return { folder: path, name: basename(path) || path, available: folderLive.available }
  }

  const syncFolder = async ({ folder, manifest }: { folder: string; manifest: ManifestEntry[] }): Promise<SyncResult> => {
    await ready
    const path = normalizeFolderPath(folder)
    if (live?.folder !== path) await openFolder({ folder: path })
    // An unchanged folder sends no batch: the image cache starts from the cards it saved for the folder,
    // less those the renderer no longer holds (no batch will remove them). The sync's batches wait for it.
    const restoring = images?.restoreFolder(path, manifest ?? [])
    const result = await (await activate(path)).sync(manifest ?? [])
    await restoring
    await marksSync.folderSynced(path).catch((error: unknown) => console.error('tidings: shared marks:', error))
    return result
  }

  // Never waits on `ready` or a folder switch: the reading pane asks while a sync runs.
  const getCard = async ({ folder, id, path }: { folder: string; id: string; path?: string }): Promise<CardLookup> => {
    if (typeof id !== 'string' || id === '') throw new Error('getCard needs the id of a card')
    const current = live
    if (!current || current.folder !== normalizeFolderPath(String(folder))) return { state: 'unknown', reason: 'it is not the open folder' }
    return current.lookupCard(id, safeCardPath(path))
  }

  /** Journals marks and keeps the image cache's starred set in step; returns the marks that took effect. */
  const takeMarks = async (marks: Mark[]): Promise<Mark[]> => {
    const accepted = await journal.append(marks)
    if (!images || accepted.length === 0) return accepted
    let changed = false
    for (const mark of accepted) {
      if (mark.starred === starred.has(mark.id)) continue
      if (mark.starred) starred.add(mark.id)
      else starred.delete(mark.id)
      changed = true
    }
    if (changed) images.setStarred([...starred])
    return accepted
  }

  const recordMarks = async ({ marks }: { marks: Mark[] }): Promise<void> => {
    await ready
    const accepted = await takeMarks(marks ?? [])
    // The journal has them: a folder that cannot take them now gets them when the folder is next opened.
    await marksSync.recordLocal(accepted).catch((error: unknown) => console.error('tidings: shared marks:', error))
  }

  const getAppInfo = async (): Promise<AppInfo> => {
    await ready
    const state = (await store).get()
    return {
      host: options.host,
      version: options.version,
      initialFolder: initialFolderOf(state),
      recentFolders: state.recentFolders,
      settings: state.settings
    }
  }

  const getFirstCards = async (): Promise<FirstCards | null> => {
    await ready
    const initial = initialFolderOf((await store).get())
    if (initial === null) return null
    const folder = normalizeFolderPath(initial)
    const start = readAtStart
    readAtStart = null
    const read = await (start?.folder === folder ? start.cards : readFirstCards(folder))
    const cards = read.flatMap((file) => (file.card ? [file.card] : []))
    const ids = new Set(cards.map((card) => card.id))
    return { folder, cards, marks: (await journal.load()).filter((mark) => ids.has(mark.id)) }
  }

  /**
   * The last folder stays the one to open even while it is missing (an unplugged drive): the page shows
   * what it holds, marked unavailable, and the folder is picked up when it returns. The sample is for a
   * first run, or for a last folder no longer among the recents.
   */
  function initialFolderOf(state: { recentFolders: { folder: string }[]; lastFolder: string | null }): string | null {
    const last = state.recentFolders.some((recent) => recent.folder === state.lastFolder) ? state.lastFolder : null
    return last ?? options.sampleFolder
  }

  const resolveImages = async ({ urls, priority }: { urls: string[]; priority: 'visible' | 'background' }): Promise<ImageResolution[]> =>
    images ? images.resolve(urls, priority) : urls.map((url) => ({ url, state: 'pending', src: null }))

  const getImageStatus = async (): Promise<ImageCacheStatus> =>
    images ? images.status() : { folder: live?.folder ?? null, total: 0, cached: 0, failed: 0, pending: 0 }

  const updateSettings = async (change: Partial<MainSettings>): Promise<MainSettings> => {
    await ready
    const limit = change?.imageCacheLimitBytes
    if (limit !== undefined && !isValidCacheLimit(limit)) throw new Error(`The image cache limit must be a number of bytes, 0 or more (got ${String(limit)})`)
    const allowPrivate = change?.allowPrivateImages
    if (allowPrivate !== undefined && typeof allowPrivate !== 'boolean') throw new Error(`allowPrivateImages must be true or false (got ${String(allowPrivate)})`)
    const changed = { ...(limit === undefined ? {} : { imageCacheLimitBytes: limit }), ...(allowPrivate === undefined ? {} : { allowPrivateImages: allowPrivate }) }
    const state = await (await store).update((current) => ({ ...current, settings: { ...current.settings, ...changed } }))
    if (limit !== undefined) images?.setLimit(limit)
    if (allowPrivate !== undefined) images?.setAllowPrivateImages(allowPrivate)
    return state.settings
  }

  return {
    get activeFolder() {
      return live?.folder ?? null
    },
    getAppInfo,
    getFirstCards,
    openFolder,
    syncFolder,
    getCard,
    recordMarks,
    loadMarks: async () => {
      await ready
      return journal.load()
    },
    resolveImages,
    getImageStatus,
    updateSettings,
    getMarksSync: async ({ folder }) => marksSync.status(normalizeFolderPath(folder)),
    setMarksSync: async (req) => marksSync.configure({ ...req, folder: normalizeFolderPath(req.folder) }),
    close: async () => {
      closed = true
      await switching.idle()
      await marksSync.close()
      for (const stop of unsubscribe) stop()
      await live?.close()
      live = null
      await journal.close()
    }
  }
}
