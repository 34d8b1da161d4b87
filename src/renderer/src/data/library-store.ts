// The current folder's light rows, the marks and the status, held in memory so
// a batch touching 500 cards updates 500 map entries instead of re-reading 100k
// rows from IndexedDB. React reads it through useSyncExternalStore.
import type { Mark } from '../../../shared/contract'
import type { CardRow, ErrorRow } from '../db/database'
import type { ErrorsSnapshot, LibraryStatus, RowsSnapshot, StatesSnapshot } from './types'

type Listener = () => void

class Signal {
  private readonly listeners = new Set<Listener>()

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(): void {
    for (const listener of [...this.listeners]) listener()
  }
}

export const INITIAL_STATUS: LibraryStatus = Object.freeze({
  folder: null,
  folderName: '',
  available: true,
  unavailableReason: null,
  phase: 'starting',
  scanPhase: null,
  progress: Object.freeze({ done: 0, total: 0 }),
  saved: Object.freeze({ done: 0, total: 0 }),
  cardCount: 0,
  errorCount: 0,
  lastError: null,
  imageStatus: null,
  rebuildMessage: null,
  lastSync: null
})

/**
 * How often, at most, the rows signal fires while batches stream in. Every
 * listener (facets, counts, the list) redoes O(rows) work per signal, so 400
 * batches of a 100k sync must not mean 400 rebuilds. A change after a quiet
 * spell is signalled at once.
 */
const ROWS_SIGNAL_INTERVAL_MS = 200

/** The change log is dropped past this many ids (or the rows held, if more): a reader that far behind compares every row. */
const MIN_CHANGE_LOG = 20_000

export class LibraryStore {
  private readonly rows = new Map<string, CardRow>()
  /** Each canonical URL of a held row -> the first row's id holding it: "in your folder" for a related item. */
  private readonly idByUrl = new Map<string, string>()
  private readonly states = new Map<string, Mark>()
  private readonly errors = new Map<string, ErrorRow>()
  private rowsSnapshot: RowsSnapshot = { rows: this.rows, version: 0 }
  private statesSnapshot: StatesSnapshot = { states: this.states, version: 0 }
  private errorsSnapshot: ErrorsSnapshot = { errors: this.errors, version: 0 }
  private status: LibraryStatus = INITIAL_STATUS
  private readonly rowsSignal = new Signal()
  private readonly statesSignal = new Signal()
  private readonly errorsSignal = new Signal()
  private readonly statusSignal = new Signal()
  private lastRowsSignalAt = Number.NEGATIVE_INFINITY
  /** Held rows without a read mark, kept as rows and marks change (counting them cost O(rows) per signal). */
  private unread = 0
  /** Ids added, rewritten or removed, in order; changeLog[0] is change number changeLogStart. */
  private changeLog: string[] = []
  private changeLogStart = 0
  private rowsSignalTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly rowsSignalIntervalMs = ROWS_SIGNAL_INTERVAL_MS) {}

  readonly subscribeRows = this.rowsSignal.subscribe
  readonly subscribeStates = this.statesSignal.subscribe
  readonly subscribeErrors = this.errorsSignal.subscribe
  readonly subscribeStatus = this.statusSignal.subscribe
  readonly getRowsSnapshot = (): RowsSnapshot => this.rowsSnapshot
  readonly getStatesSnapshot = (): StatesSnapshot => this.statesSnapshot
  readonly getErrorsSnapshot = (): ErrorsSnapshot => this.errorsSnapshot
  readonly getStatus = (): LibraryStatus => this.status

  row(id: string): CardRow | undefined {
    return this.rows.get(id)
  }

  /** The id of a held row with this canonical URL. */
  rowIdByUrl(url: string): string | undefined {
    return this.idByUrl.get(url)
  }

  mark(id: string): Mark | undefined {
    return this.states.get(id)
  }

  /** How many held rows are unread. */
  unreadCount(): number {
    return this.unread
  }

  /** A mark in the change log: pass it to changesSince later. */
  changeMark(): number {
    return this.changeLogStart + this.changeLog.length
  }

  /**
   * Every id added, rewritten or removed since `mark` (repeats possible), so what is built from the rows (the
   * list's index) can be patched with a batch's work instead of comparing every row. Null when the log no
   * longer reaches back to `mark` (a folder switch, or a reader far behind): compare every row then.
   */
  changesSince(mark: number): readonly string[] | null {
    if (mark < this.changeLogStart || mark > this.changeMark()) return null
    return this.changeLog.slice(mark - this.changeLogStart)
  }

  /** Empties the rows and errors, for a folder switch. */
  clearFolder(): void {
    this.rows.clear()
    this.unread = 0
    this.idByUrl.clear()
    this.errors.clear()
    this.dropChangeLog()
    this.bumpRows(true)
    this.bumpErrors()
  }

  /** Adds or replaces rows and drops the removed ids, as one visible change. */
  applyRows(upserts: Iterable<CardRow>, removedIds: Iterable<string> = []): void {
    // The first rows of a folder are what the user waits for: never held back.
    const first = this.rows.size === 0
    const log = this.changeLog
    for (const id of removedIds) {
      const row = this.rows.get(id)
      if (row && !this.states.get(id)?.read) this.unread--
      this.forgetUrls(row)
      this.rows.delete(id)
      log.push(id)
    }
    for (const row of upserts) {
      const old = this.rows.get(row.id)
      if (!old && !this.states.get(row.id)?.read) this.unread++
      if (old?.urls !== row.urls) this.forgetUrls(old)
      for (const url of row.urls) if (!this.idByUrl.has(url)) this.idByUrl.set(url, row.id)
      this.rows.set(row.id, row)
      log.push(row.id)
    }
    if (log.length > Math.max(MIN_CHANGE_LOG, this.rows.size)) this.dropChangeLog()
    this.bumpRows(first)
  }

  applyErrors(upserts: Iterable<ErrorRow>, clearedPaths: Iterable<string> = []): void {
    for (const path of clearedPaths) this.errors.delete(path)
    for (const error of upserts) this.errors.set(error.path, error)
    this.bumpErrors()
  }

  /** Stores marks as they are; callers decide which mark wins. */
  putMarks(marks: Iterable<Mark>): void {
    for (const mark of marks) {
      if (this.rows.has(mark.id) && (this.states.get(mark.id)?.read ?? false) !== mark.read) this.unread += mark.read ? -1 : 1
      this.states.set(mark.id, Object.freeze({ ...mark }))
    }
    this.statesSnapshot = { states: this.states, version: this.statesSnapshot.version + 1 }
    this.statesSignal.emit()
  }

  updateStatus(patch: Partial<LibraryStatus>): void {
    this.status = { ...this.status, ...patch }
    this.statusSignal.emit()
  }

  private bumpRows(now = false): void {
    if (this.status.cardCount !== this.rows.size) this.updateStatus({ cardCount: this.rows.size })
    if (now) return this.signalRows()
    if (this.rowsSignalTimer !== null) return
    const wait = this.lastRowsSignalAt + this.rowsSignalIntervalMs - performance.now()
    if (wait <= 0) this.signalRows()
    else this.rowsSignalTimer = setTimeout(() => this.signalRows(), wait)
  }

  private forgetUrls(row: CardRow | undefined): void {
    if (row) for (const url of row.urls) if (this.idByUrl.get(url) === row.id) this.idByUrl.delete(url)
  }

  private dropChangeLog(): void {
    this.changeLogStart = this.changeMark()
    this.changeLog = []
  }

  private signalRows(): void {
    if (this.rowsSignalTimer !== null) clearTimeout(this.rowsSignalTimer)
    this.rowsSignalTimer = null
    this.lastRowsSignalAt = performance.now()
    this.rowsSnapshot = { rows: this.rows, version: this.rowsSnapshot.version + 1 }
    this.rowsSignal.emit()
  }

  private bumpErrors(): void {
    this.errorsSnapshot = { errors: this.errors, version: this.errorsSnapshot.version + 1 }
    this.errorsSignal.emit()
    if (this.status.errorCount !== this.errors.size) this.updateStatus({ errorCount: this.errors.size })
  }
}
