// An in-memory main process behind the contract: folders of "files", a marks
// journal, and batches computed from the renderer's manifest the way the core
// does. The renderer's boundary is the TidingsApi, so this is what tests drive.
import type { Card, CardError } from '../../../../shared/card'
import type {
  AppInfo,
  CardLookup,
  FirstCards,
  FolderInfo,
  ImageResolution,
  LibraryBatch,
  ManifestEntry,
  Mark,
  MarksSyncStatus,
  RecentFolder,
  SyncResult,
  TidingsApi,
  TidingsEvent,
  TidingsEventListener
} from '../../../../shared/contract'
import { summarisedCard } from '../../../../shared/batch-card'
import { packCard } from './pack-card'

interface FakeFile {
  size: number
  mtimeMs: number
  card: Card | null
  error: CardError | null
}

export class FakeMain implements TidingsApi {
  readonly journal: Mark[] = []
  readonly syncCalls: Array<{ folder: string; manifest: ManifestEntry[] }> = []
  readonly openFolderCalls: string[] = []
  readonly getCardCalls: string[] = []
  /** The next getCard calls wait for this (a host busy elsewhere). */
  getCardGate: Promise<void> | null = null
  initialFolder: string | null = null
  /** What getFirstCards answers: the host's read of the newest cards, which may be older than the disk. */
  firstCards: FirstCards | null = null
  recentFolders: RecentFolder[] = []
  /** Cards per batch, so a big sync streams as several batches. */
  batchSize = 50
  /** While set, events wait here instead of being delivered; see release(). */
  held: TidingsEvent[] | null = null
  /** The next openFolder calls wait for this. */
  openFolderGate: Promise<void> | null = null
  /** How many recordMarks calls fail before it works again. */
  failRecordMarks = 0
  private readonly folders = new Map<string, Map<string, FakeFile>>()
  /** What main believes the renderer holds: set by syncFolder, advanced by every batch. */
  private readonly told = new Map<string, Map<string, ManifestEntry>>()
  private readonly listeners = new Set<TidingsEventListener>()
  private readonly reconnectListeners = new Set<() => void>()
  private seq = 0
  private clock = 1_000_000

  // ---- the disk ------------------------------------------------------------

  addFolder(folder: string): void {
    if (!this.folders.has(folder)) this.folders.set(folder, new Map())
  }

  removeFolder(folder: string): void {
    this.folders.delete(folder)
  }

  writeCard(folder: string, card: Card, path = card.path): void {
    this.files(folder).set(path, { size: JSON.stringify(card).length, mtimeMs: ++this.clock, card: { ...card, path }, error: null })
  }

  writeBadFile(folder: string, path: string, message = 'YAML syntax error'): void {
    this.files(folder).set(path, { size: 7, mtimeMs: ++this.clock, card: null, error: { path, code: 'yaml-syntax', message } })
  }

  deleteFile(folder: string, path: string): void {
    this.files(folder).delete(path)
  }

  renameFile(folder: string, from: string, to: string): void {
    const file = this.files(folder).get(from)
    if (!file) throw new Error(`no file ${from}`)
    this.files(folder).delete(from)
    this.files(folder).set(to, { ...file, card: file.card && { ...file.card, path: to } })
  }

  /** What the watcher does: sends the changes since the last batch. */
  flushChanges(folder: string): void {
    this.emitDiff(folder)
  }

  // ---- the contract ----------------------------------------------------------

  async getAppInfo(): Promise<AppInfo> {
    return { host: 'browser', version: 'test', initialFolder: this.initialFolder, recentFolders: this.recentFolders, settings: { imageCacheLimitBytes: 0, allowPrivateImages: false } }
  }

  async getFirstCards(): Promise<FirstCards | null> {
    return this.firstCards
  }

  async openFolder({ folder }: { folder: string }): Promise<FolderInfo> {
    this.openFolderCalls.push(folder)
    if (this.openFolderGate) await this.openFolderGate
    if (!this.folders.has(folder)) throw new Error(`Cannot open folder ${folder}: no such folder`)
    return { folder, name: folder.split('/').pop() ?? folder, available: true }
  }

  async chooseFolder(): Promise<string | null> {
    return null
  }

  async syncFolder({ folder, manifest }: { folder: string; manifest: ManifestEntry[] }): Promise<SyncResult> {
    this.syncCalls.push({ folder, manifest })
    if (!this.folders.has(folder)) throw new Error(`Cannot open folder ${folder}: no such folder`)
    this.told.set(folder, new Map(manifest.map((entry) => [entry.path, entry])))
    const seqBefore = this.seq
    const { parsed, removed } = this.emitDiff(folder)
    const files = this.files(folder)
    return {
      folder,
      cards: new Set([...files.values()].flatMap((file) => (file.card ? [file.card.id] : []))).size,
      files: files.size,
      errors: [...files.values()].filter((file) => file.error).length,
      parsed,
      unchanged: files.size - parsed,
      removed,
      durationMs: 1,
      lastSeq: this.seq === seqBefore ? null : this.seq
    }
  }

  /** The card as the disk has it now (the story's newest file), like the core's getCard. */
  async getCard({ folder, id }: { folder: string; id: string; path?: string }): Promise<CardLookup> {
    this.getCardCalls.push(id)
    if (this.getCardGate) await this.getCardGate
    if (!this.folders.has(folder)) return { state: 'unknown', reason: 'the folder is not reachable' }
    const cards = [...this.files(folder).values()].flatMap((file) => (file.card?.id === id ? [file.card] : []))
    const newest = cards.sort((a, b) => (b.publishedAtMs ?? 0) - (a.publishedAtMs ?? 0))[0]
    return newest ? { state: 'found', card: newest } : { state: 'removed' }
  }

  /** Every savedUpTo seq the renderer reported, in order. */
  readonly savedUpToCalls: number[] = []

  async savedUpTo({ seq }: { seq: number }): Promise<void> {
    this.savedUpToCalls.push(seq)
  }

  async recordMarks({ marks }: { marks: Mark[] }): Promise<void> {
    if (this.failRecordMarks > 0) {
      this.failRecordMarks--
      throw new Error('The journal cannot be written')
    }
    this.journal.push(...marks.map((mark) => ({ ...mark })))
  }

  async loadMarks(): Promise<Mark[]> {
    return this.journal.map((mark) => ({ ...mark }))
  }

  async resolveImages({ urls }: { urls: string[] }): Promise<ImageResolution[]> {
    return urls.map((url) => ({ url, state: 'pending', src: null }))
  }

  async getImageStatus() {
    return { folder: null, total: 0, cached: 0, failed: 0, pending: 0 }
  }

  async updateSettings() {
    return { imageCacheLimitBytes: 0, allowPrivateImages: false }
  }

  async getMarksSync({ folder }: { folder: string }): Promise<MarksSyncStatus> {
    return { folder, enabled: false, deviceId: 'fake', deviceName: 'Fake', devices: [], warning: null, error: null }
  }

  async setMarksSync({ folder, enabled }: { folder: string; enabled?: boolean }): Promise<MarksSyncStatus> {
    return { folder, enabled: enabled ?? false, deviceId: 'fake', deviceName: 'Fake', devices: [], warning: null, error: null }
  }

  async openExternal(): Promise<boolean> {
    return false
  }

  onEvent(listener: TidingsEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Like the HTTP client: told when the event stream is back after a break. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  /** The event stream dropped (its events are lost) and came back. */
  reconnect(): void {
    this.held = null
    for (const listener of [...this.reconnectListeners]) listener()
  }

  emit(event: TidingsEvent): void {
    if (this.held) this.held.push(event)
    else for (const listener of [...this.listeners]) listener(event)
  }

  /** Delivers the held events, in the order `reorder` gives, and stops holding. */
  release(reorder: (events: TidingsEvent[]) => TidingsEvent[] = (events) => events): void {
    const events = this.held ?? []
    this.held = null
    for (const event of reorder(events)) this.emit(event)
  }

  // ---- the core's diff -------------------------------------------------------

  private files(folder: string): Map<string, FakeFile> {
    const files = this.folders.get(folder)
    if (!files) throw new Error(`no folder ${folder}`)
    return files
  }

  private emitDiff(folder: string): { parsed: number; removed: number } {
    const files = this.files(folder)
    const told = this.told.get(folder) ?? new Map<string, ManifestEntry>()
    this.told.set(folder, told)
    const upsert: Card[] = []
    const entries: ManifestEntry[] = []
    const errors: CardError[] = []
    const clearedErrors: string[] = []
    for (const [path, file] of files) {
      const before = told.get(path)
      if (before && before.size === file.size && before.mtimeMs === file.mtimeMs) continue
      if (file.card) {
        upsert.push(file.card)
        entries.push({ path, size: file.size, mtimeMs: file.mtimeMs, id: file.card.id, publishedAtMs: file.card.publishedAtMs })
        if (before) clearedErrors.push(path)
      } else if (file.error) {
        // A card that turns bad keeps its last good version: the entry keeps its id.
        errors.push(file.error)
        entries.push({ path, size: file.size, mtimeMs: file.mtimeMs, id: before?.id ?? null, publishedAtMs: before?.publishedAtMs ?? null })
      }
    }
    const liveIds = new Set<string>()
    for (const [path, file] of files) {
      const id = file.card?.id ?? told.get(path)?.id ?? entries.find((entry) => entry.path === path)?.id ?? null
      if (id) liveIds.add(id)
    }
    const removedFiles = [...told.keys()].filter((path) => !files.has(path))
    const remove = [...new Set(removedFiles.map((path) => told.get(path)?.id).filter((id): id is string => !!id && !liveIds.has(id)))]
    for (const path of removedFiles) told.delete(path)
    for (const entry of entries) told.set(entry.path, entry)

    if (upsert.length + remove.length + removedFiles.length + errors.length + clearedErrors.length === 0) return { parsed: 0, removed: 0 }
    upsert.sort((a, b) => (b.publishedAtMs ?? 0) - (a.publishedAtMs ?? 0))
    const batches: LibraryBatch[] = []
    for (let start = 0; start === 0 || start < upsert.length; start += this.batchSize) {
      const cards = upsert.slice(start, start + this.batchSize)
      const ids = new Set(cards.map((card) => card.id))
      const first = start === 0
      batches.push({
        folder,
        seq: ++this.seq,
        // As main sends them: related items summarised, the complete card packed beside.
        upsert: cards.map(summarisedCard),
        packed: cards.map(packCard),
        remove: first ? remove : [],
        files: entries.filter((entry) => (entry.id !== null && ids.has(entry.id)) || (first && !upsert.some((card) => card.id === entry.id))),
        removedFiles: first ? removedFiles : [],
        errors: first ? errors : [],
        clearedErrors: first ? clearedErrors : []
      })
    }
    for (const batch of batches) this.emit({ type: 'batch', batch })
    return { parsed: upsert.length + errors.length, removed: removedFiles.length }
  }
}
