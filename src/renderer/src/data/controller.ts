// The library's conductor: shows what IndexedDB holds, asks main for the changes, applies
// batches in order, keeps marks in the table and the journal, and rebuilds a lost database.
// Over 300 lines because every step here reads one session state (folder, session, sync,
// timers); the jobs that need none of it live beside it (show-batches, preferences, timers).
import type { FolderInfo, LibraryBatch, MenuCommand, TidingsApi, TidingsEvent } from '../../../shared/contract'
import { onApiReconnect } from '../api'
import { type SavedView, type TidingsDatabase } from '../db/database'
import { openDatabase } from '../db/open-database'
import { BatchWriter } from './batch-writer'
import { CardDetails } from './card-details'
import { ImageResolver } from './image-resolver'
import { LibraryStore } from './library-store'
import { Preferences, type ChosenSetting } from './preferences'
import { errorKey, openingStatus, showBatches } from './show-batches'
import { loadFolderErrors, loadFolderRows, rememberRecentFolders } from './load-folder'
import { RowPagesSaver } from './row-pages'
import { PreviewRows } from './preview-rows'
import { Listeners } from './listeners'
import { SavedStatus } from './saved-status'
import { cardOfStored, type StoredDetail } from './stored-detail'
import { detailPacksOf } from './detail-packs'
import { Timers } from './timers'
import { buildManifest } from './manifest'
import { MarkKeeper } from './mark-keeper'
import { BatchSequencer } from './sequencer'
import type { LibraryController } from './library-controller'
import type { MarkAllReadResult, SavedViewInput } from './types'
import { messageOf } from '../../../shared/errors'
import { markStartup } from '../startup-marks'

export interface LibraryOptions {
  /** How long a batch may wait for a missing predecessor before a resync repairs the gap. */
  gapTimeoutMs?: number
  /** How long a sync's result waits with no batch coming for the batches it names before a resync repairs them. */
  lastBatchWaitMs?: number
  /** How often an unreachable folder is tried again. */
  retryOpenMs?: number
  /** How long image requests gather before one resolveImages call. */
  imageGatherMs?: number
  /** How often marks main could not journal are offered again. */
  journalRetryMs?: number
  /** Quiet time before the row pages (the fast startup copy) are rewritten; grows with the folder. */
  rowPagesDelayMs?: number
}

export function startLibrary(api: TidingsApi, db: TidingsDatabase, options: LibraryOptions = {}): LibraryController {
  return new Library(api, db, options)
}

const nameOf = (folder: string): string => folder.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || folder

class Library implements LibraryController {
  readonly store = new LibraryStore()
  readonly images: ImageResolver
  readonly details: CardDetails
  readonly started: Promise<void>

  private readonly writer: BatchWriter
  private readonly marks: MarkKeeper
  private readonly saved: SavedStatus
  private readonly rowPages: RowPagesSaver
  private readonly sequencer = new BatchSequencer()
  private readonly preview = new PreviewRows()
  private readonly preferences: Preferences
  private readonly menu = new Listeners<MenuCommand>()
  private readonly unsubscribe: Array<() => void> = []
  private readonly timers = new Timers()
  private readonly activity = new Set<Promise<unknown>>()
  private folder: string | null = null
  /** Bumped on every folder switch; work started for an older session drops its results. */
  private session = 0
  private sync: { session: number; running: Promise<void>; again: boolean } | null = null
  /** While a folder's rows load from IndexedDB: ids batches changed meanwhile, which the load must not overwrite. */
  private touchedWhileLoading: Set<string> | null = null
  private gapTimer: ReturnType<typeof setTimeout> | null = null
  private retryOpenTimer: ReturnType<typeof setTimeout> | null = null
  private disposed = false

  constructor(
    readonly api: TidingsApi,
    readonly db: TidingsDatabase,
    private readonly options: LibraryOptions
  ) {
    this.preferences = new Preferences(db)
    this.images = new ImageResolver((request) => api.resolveImages(request), options.imageGatherMs)
    this.writer = new BatchWriter(
      db,
      (folder, error) => {
        if (folder === this.folder) this.store.updateStatus({ lastError: `Could not save cards to the local database: ${messageOf(error)}` })
      },
      (folder, seq) => this.saved.settled(folder, seq)
    )
    this.saved = new SavedStatus(this.writer, this.store, () => this.folder, (seq) => api.savedUpTo({ seq }))
    this.details = new CardDetails({
      unwritten: (folder, id) => this.writer.unwrittenDetail(folder, id),
      pathOf: (folder, id) => (folder === this.folder ? this.store.row(id)?.path : undefined),
      readStored: (folder, id) => detailPacksOf(db).read(folder, id).then(cardOfStored),
      lookup: (folder, id, path) => api.getCard({ folder, id, path })
    })
    this.rowPages = new RowPagesSaver(
      db,
      this.writer,
      () => ({
        folder: this.folder,
        rows: this.store.getRowsSnapshot().rows,
        loading: this.touchedWhileLoading !== null || this.preview.pending,
        syncing: this.store.getStatus().phase !== 'ready'
      }),
      options.rowPagesDelayMs,
      (folder) => detailPacksOf(db).tidy(folder)
    )
    this.marks = new MarkKeeper(api, db, this.store, (ms, run) => this.timers.later(ms, run), options.journalRetryMs)
    this.unsubscribe.push(api.onEvent((event) => this.onEvent(event)))
    this.unsubscribe.push(onApiReconnect(api, () => this.onReconnect()))
    this.started = this.start().catch((error: unknown) => {
      this.store.updateStatus({ phase: this.folder ? 'ready' : 'no-folder', lastError: messageOf(error) })
    })
  }

  // ---- start and folders -------------------------------------------------

  private async start(): Promise<void> {
    this.preview.fetch(this.api, this.store, () => this.folder)
    const appInfoCall = this.api.getAppInfo().finally(() => markStartup('app-info')).catch((error: unknown) => (this.store.updateStatus({ lastError: `Cannot reach Tidings: ${messageOf(error)}` }), null))
    // Main opens the folder it started with while IndexedDB opens here (slow on a first run); connect() reports a failure.
    const earlyOpen = appInfoCall.then((info) => (info?.initialFolder ? this.api.openFolder({ folder: info.initialFolder }).finally(() => markStartup('folder-open')) : undefined))
    earlyOpen.catch(() => undefined)
    const [opening, appInfo] = await Promise.all([
      openDatabase(this.db).finally(() => markStartup('db-open')).catch((error: unknown) => {
        throw new Error(`The local database cannot be used, so nothing can be stored: ${messageOf(error)}`)
      }),
      appInfoCall
    ])
    const remembered = rememberRecentFolders(this.db, appInfo?.recentFolders ?? [])
    this.api.getImageStatus().then((imageStatus) => this.store.getStatus().imageStatus ?? this.store.updateStatus({ imageStatus }), () => undefined)
    const marks = this.marks.restore(opening)
    const last = appInfo?.initialFolder ? undefined : await remembered.then(() => this.db.folders.orderBy('openedAt').last())
    const folder = appInfo?.initialFolder ?? last?.folder ?? null
    if (folder === null) {
      await Promise.all([marks, remembered])
      this.store.updateStatus({ phase: 'no-folder' })
      return
    }
    // Named from what is at hand, without another IndexedDB read before the rows'.
    const shown = this.showFolder(folder, last?.name ?? appInfo?.recentFolders.find((entry) => entry.folder === folder)?.name ?? nameOf(folder))
    // Main is asked for the changes while the rows load: the sync's manifest waits for the load on the folder's queue.
    this.track(this.connect(this.session, folder === appInfo?.initialFolder ? earlyOpen : undefined))
    await Promise.all([marks, remembered, shown])
  }

  async switchFolder(path: string): Promise<void> {
    const folder = path.trim()
    if (folder === '') throw new Error('Type the path of a folder of cards.')
    if (folder === this.folder) return this.resync()
    const known = await this.db.folders.get(folder)
    if (known) {
      // Shown from IndexedDB at once; main confirms (or says unavailable) afterwards.
      await this.showFolder(folder, known.name)
      this.track(this.connect(this.session))
      return
    }
    const info = await this.api.openFolder({ folder })
    const knownAs = await this.db.folders.get(info.folder)
    await this.showFolder(info.folder, knownAs?.name ?? info.name)
    this.track(this.afterOpen(info, this.session))
  }

  async chooseFolder(): Promise<boolean> {
    const folder = await this.api.chooseFolder()
    if (folder === null) return false
    await this.switchFolder(folder)
    return true
  }

  async resync(): Promise<void> {
    if (this.folder === null) return
    return this.connect(this.session)
  }

  /** Makes `folder` current and shows its cached rows, newest first. */
  private async showFolder(folder: string, name: string): Promise<void> {
    this.rowPages.saveNow()
    const session = ++this.session
    this.folder = folder
    this.sequencer.reset()
    this.gapTimer = this.timers.clear(this.gapTimer)
    this.retryOpenTimer = this.timers.clear(this.retryOpenTimer)
    this.store.clearFolder()
    this.preview.restore(this.store, folder)
    this.store.updateStatus(openingStatus(folder, name))
    const touched = new Set<string>()
    this.touchedWhileLoading = touched
    const current = () => this.session === session
    // On the folder's queue, so batches received for it earlier are written first.
    await this.writer.queue(folder).run(async () => {
      const source = await loadFolderRows(this.db, folder, (rows) => current() && (markStartup('rows-from-db'), this.store.applyRows(touched.size === 0 ? rows : rows.filter((row) => !touched.has(row.id)))), current)
      const errors = await loadFolderErrors(this.db, folder)
      if (current()) this.store.applyErrors(errors.filter((error) => !touched.has(errorKey(error.path))))
      if (current() && source === 'cards') this.rowPages.changed()
    })
    if (this.touchedWhileLoading === touched) this.touchedWhileLoading = null
  }

  /** Tells main to watch the current folder (unless `opening` already did), then syncs it. */
  private async connect(session: number, opening?: Promise<FolderInfo | undefined>): Promise<void> {
    const folder = this.folder
    if (folder === null || session !== this.session) return
    this.retryOpenTimer = this.timers.clear(this.retryOpenTimer)
    let info: FolderInfo
    try {
      info = (await opening) ?? (await this.api.openFolder({ folder }))
    } catch (error) {
      if (session !== this.session) return
      this.store.updateStatus({ phase: 'ready', available: false, unavailableReason: messageOf(error) })
      this.retryOpenTimer = this.timers.later(this.options.retryOpenMs ?? 5000, () => this.track(this.connect(session)))
      return
    }
    return this.afterOpen(info, session)
  }

  private async afterOpen(info: FolderInfo, session: number): Promise<void> {
    if (session !== this.session) return
    this.store.updateStatus({ folderName: info.name, available: info.available, unavailableReason: info.available ? null : 'The folder is not reachable.' })
    const existing = await this.db.folders.get(info.folder)
    await this.db.folders.put({ folder: info.folder, name: info.name, openedAt: Date.now(), lastSyncAt: existing?.lastSyncAt ?? null })
    if (!info.available) {
      this.store.updateStatus({ phase: 'ready' })
      return
    }
    return this.runSync(session)
  }

  /** One sync at a time per session; a request during a sync runs once more afterwards. */
  private runSync(session: number): Promise<void> {
    if (this.sync && this.sync.session === session) {
      this.sync.again = true
      return this.sync.running
    }
    const state = { session, again: true, running: Promise.resolve() }
    state.running = (async () => {
      while (state.again && session === this.session) {
        state.again = false
        await this.syncOnce(session)
      }
      if (this.sync === state) this.sync = null
    })()
    this.sync = state
    return state.running
  }

  private async syncOnce(session: number): Promise<void> {
    const folder = this.folder
    if (folder === null) return
    this.saved.begin(folder)
    this.store.updateStatus({ phase: 'syncing', scanPhase: null, progress: { done: 0, total: 0 } })
    try {
      // Queued behind the batches already received, so the manifest says what is applied.
      const manifest = await this.writer.queue(folder).run(() => buildManifest(this.db, folder, (id) => this.preview.stored(this.store.row(id)) || this.writer.unwrittenDetail(folder, id) !== undefined))
      const result = await this.api.syncFolder({ folder, manifest })
      if (session !== this.session) return
      await this.takeInThrough(result.lastSeq)
      if (session !== this.session) return
      const { total } = this.store.getStatus().progress
      this.store.updateStatus({ scanPhase: 'done', progress: { done: total, total }, lastSync: result })
      // "Ready" means readable offline too: the status waits for IndexedDB to hold every card.
      await this.writer.idle(folder)
      if (session !== this.session) return
      this.preview.settle(this.store, folder)
      await this.db.folders.update(folder, { lastSyncAt: Date.now() })
      this.saved.changed(true)
      this.store.updateStatus({ phase: 'ready' })
      // The burst is over: queue the row pages behind its writes, so the next start is fast.
      this.rowPages.saveNow()
    } catch (error) {
      if (session !== this.session) return
      this.preview.settle(this.store, folder)
      this.store.updateStatus({ phase: 'ready', lastError: `Could not sync ${nameOf(folder)}: ${messageOf(error)}` })
    }
  }

  /**
   * Waits until every batch through `seq` is taken in: a sync's result travels apart from its batches and can
   * come first. While batches keep coming it waits on; if none comes for a while (sent before this page's
   * stream was open), a resync repairs what they carried, as for a gap.
   */
  private async takeInThrough(seq: number | null): Promise<void> {
    if (seq === null) return
    const taken = this.sequencer.through(seq)
    for (;;) {
      const before = this.sequencer.next
      let timer: ReturnType<typeof setTimeout> | null = null
      const waited = new Promise<'stalled'>((resolve) => (timer = this.timers.later(this.options.lastBatchWaitMs ?? 10_000, () => resolve('stalled'))))
      const outcome = await Promise.race([taken, waited])
      this.timers.clear(timer)
      if (outcome !== 'stalled') return
      if (this.sequencer.next === before) {
        this.sequencer.reset()
        this.track(this.resync())
        return
      }
    }
  }

  // ---- events ------------------------------------------------------------

  private onEvent(event: TidingsEvent): void {
    if (this.disposed) return
    const current = 'folder' in event && event.folder === this.folder
    switch (event.type) {
      case 'batch':
        if (event.batch.folder === this.folder) this.receiveBatch(event.batch)
        return
      case 'sync-progress':
        if (current) this.store.updateStatus({ scanPhase: event.phase, progress: { done: event.done, total: event.total } })
        return
      case 'folder-status':
        if (current) this.onFolderStatus(event.available, event.reason)
        return
      case 'watch-error':
        if (current) this.store.updateStatus({ lastError: event.path ? `${event.path}: ${event.message}` : event.message })
        return
      case 'images-ready':
        this.images.accept(event.items)
        return
      case 'image-status':
        this.store.updateStatus({ imageStatus: event.status })
        return
      case 'menu-command':
        this.menu.emit(event.command)
        return
      case 'marks':
        void this.marks.acceptShared(event.marks)
        return
    }
  }

  private onFolderStatus(available: boolean, reason: string | undefined): void {
    this.store.updateStatus({ available, unavailableReason: available ? null : (reason ?? 'The folder is not reachable.') })
    // Main catches up by itself once a folder it watches comes back; only a
    // folder main refused to open still needs asking.
    if (available && this.retryOpenTimer !== null) {
      this.retryOpenTimer = this.timers.clear(this.retryOpenTimer)
      this.track(this.connect(this.session))
    }
  }

  private onReconnect(): void {
    // Main may have restarted: its batch numbers start over and it forgot the folder.
    this.sequencer.reset()
    this.images.retryPending()
    this.track(this.resync())
    void this.marks.flushJournal()
  }

  private receiveBatch(batch: LibraryBatch): void {
    const { ready, outOfOrder } = this.sequencer.push(batch)
    if (outOfOrder) {
      this.sequencer.reset()
      this.track(this.resync())
      return
    }
    if (ready.length > 0) this.enqueueBatches(batch.folder, ready)
    if (!this.sequencer.hasGap) this.gapTimer = this.timers.clear(this.gapTimer)
    else
      this.gapTimer ??= this.timers.later(this.options.gapTimeoutMs ?? 2000, () => {
        this.gapTimer = null
        // The missing batch is lost; comparing the folder again repairs what it carried.
        this.sequencer.reset()
        this.track(this.resync())
      })
  }

  /** Shows the batches at once, then has them written to IndexedDB in the background. */
  private enqueueBatches(folder: string, batches: LibraryBatch[]): void {
    this.details.accept(folder, batches)
    if (folder !== this.folder) return this.writer.write(folder, batches)
    const shown = showBatches(this.store, folder, batches, this.touchedWhileLoading)
    this.writer.write(folder, shown.batches)
    this.saved.changed()
    if (shown.rowsChanged) this.rowPages.changed()
  }

  /** The card as received but not yet in IndexedDB (null: removed); undefined when IndexedDB is current. */
  readonly unwrittenDetail = (id: string): StoredDetail | null | undefined => (this.folder === null ? undefined : this.writer.unwrittenDetail(this.folder, id))
  readonly unwrittenIds = (): Iterable<string> => (this.folder === null ? [] : this.writer.unwrittenIds(this.folder))

  // ---- marks -------------------------------------------------------------

  readonly setRead = (id: string, read: boolean): Promise<void> => this.marks.setRead(id, read)
  readonly setStarred = (id: string, starred: boolean): Promise<void> => this.marks.setStarred(id, starred)
  readonly markSeen = (ids: Iterable<string>): Promise<void> => this.marks.markSeen(ids)
  readonly toggleRead = (id: string): Promise<void> => this.marks.toggleRead(id)
  readonly toggleStarred = (id: string): Promise<void> => this.marks.toggleStarred(id)
  readonly markAllRead = (ids: Iterable<string>): Promise<MarkAllReadResult> => this.marks.markAllRead(ids)

  async whenIdle(): Promise<void> {
    await this.started
    for (;;) {
      await Promise.all([...this.activity, this.sync?.running])
      if (this.folder !== null) await this.writer.idle(this.folder)
      if (this.activity.size === 0 && !this.sync && !this.writer.busy) return
    }
  }

  /** Background work whenIdle() waits for; its failures are already reported in the status. */
  private track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined).finally(() => this.activity.delete(settled))
    this.activity.add(settled)
  }

  // ---- saved views, settings, misc ---------------------------------------

  readonly listSavedViews = (): Promise<SavedView[]> => this.preferences.listSavedViews()
  readonly saveView = (view: SavedViewInput): Promise<number> => this.preferences.saveView(view)
  readonly deleteView = (id: number): Promise<void> => this.preferences.deleteView(id)
  readonly getSetting = <T>(key: string, fallback: T): Promise<T> => this.preferences.getSetting(key, fallback)
  readonly setSetting = (key: string, value: unknown): Promise<void> => this.preferences.setSetting(key, value)
  readonly chosenSetting = (key: string): ChosenSetting | undefined => this.preferences.chosenSetting(key)
  readonly subscribeChosenSettings = (listener: () => void): (() => void) => this.preferences.subscribeChosen(listener)

  openExternal(url: string): Promise<boolean> {
    return this.api.openExternal({ url }) // eng-disable OPEN_EXTERNAL_JS_CHECK -- reason: a contract call; main sends only parsed http(s) URLs to shell.openExternal
  }

  readonly onMenuCommand = this.menu.add

  dispose(): void {
    this.disposed = true
    this.session++
    for (const stop of this.unsubscribe.splice(0)) stop()
    this.timers.dispose()
    // Wakes a sync waiting for its last batches, which no longer matter.
    this.sequencer.reset()
    this.images.dispose()
    this.rowPages.dispose()
    this.saved.dispose()
  }
}
