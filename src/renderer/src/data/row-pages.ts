// The startup copy of a folder's rows (see RowPage). Written when the folder
// is quiet; the writes since then are in the row log (see RowLogRecord), which a
// save folds in and empties. Read instead of the cards table when valid.
import { Dexie } from 'dexie'
import type { CardRow, TidingsDatabase } from '../db/database'
import type { SerialQueue } from '../../../shared/serial-queue'
import { clearLogBefore, folderKeysBefore, nextInLog } from './folder-log'
import { postTask } from '../scheduling/post-task'
import { readerIdle, watchReaderInput } from '../scheduling/reader-idle'

/**
 * Rows per page, each page one put. IndexedDB clones a value on the page's thread inside put(): at 100k
 * real-shaped rows (every related title folded into the search text) the old 5,000-row pages, put together,
 * held the page for 5.6 s. A page of 250 is ~12 ms of cloning, short enough to sit between a keystroke's tasks
 * (pages of 1,000, ~50 ms each, still put 100-200 ms keystrokes right after a sync at 100k).
 */
const ROWS_PER_PAGE = 250

interface RowPagesState {
  valid: boolean
  pages: number
  rows: number
  /** The number of the first page (absent: 0). Each save writes its pages after the last one the folder has. */
  first?: number
}

const keyOf = (folder: string): string => `rowPages:${folder}`

/** What runs before each page is put: by default nothing; the saver gives the page's own work a turn. */
export type PageTurn = () => Promise<void>

/** Each page waits for the reader to pause, then for a background task: the reader's own work goes first. */
const readerTurn: PageTurn = async () => {
  await readerIdle()
  await new Promise<void>((resolve) => postTask(resolve, 'background'))
}

/**
 * Saves `rows`, which must hold every write made so far (the log's records and the cards table's rows, which it
 * replaces). Each page is put in a transaction of its own, after `turn`: 100 puts of ~50 ms in one transaction
 * ran back to back at 100k and held keystrokes and clicks for seconds after a sync. The new pages go after the
 * folder's last page, so the old ones stay valid until one last transaction swaps them in, empties the log up to
 * where it was when the rows were captured and the cards table, and drops the old pages (and any an unfinished
 * save left).
 */
export async function saveRowPages(db: TidingsDatabase, folder: string, rows: readonly CardRow[], turn: PageTurn = async () => {}): Promise<void> {
  const logEnd = await nextInLog(db.rowLog, folder)
  const first = await nextInLog(db.rowPages, folder)
  let pages = 0
  for (let start = 0; start < rows.length; start += ROWS_PER_PAGE) {
    await turn()
    await db.rowPages.put({ folder, page: first + pages++, rows: rows.slice(start, start + ROWS_PER_PAGE) })
  }
  const state: RowPagesState = { valid: true, pages, rows: rows.length, first }
  await db.transaction('rw', [db.rowPages, db.settings, db.rowLog, db.cards], async () => {
    await clearLogBefore(db.rowLog, folder, logEnd)
    await db.cards.where('[folder+id]').between([folder, Dexie.minKey], [folder, Dexie.maxKey]).delete()
    await db.rowPages.where('[folder+page]').between(...folderKeysBefore(folder, first), true, false).delete()
    await db.settings.put({ key: keyOf(folder), value: state })
  })
}

/** The folder's rows from its pages, or null when there are none or they are stale. */
export async function loadRowPages(db: TidingsDatabase, folder: string): Promise<CardRow[] | null> {
  return db.transaction('r', [db.rowPages, db.settings], async () => {
    const state = (await db.settings.get(keyOf(folder)))?.value as RowPagesState | undefined
    if (!state?.valid) return null
    const first = state.first ?? 0
    const pages = await db.rowPages
      .where('[folder+page]')
      .between([folder, first], [folder, first + state.pages], true, false)
      .toArray()
    const rows = pages.flatMap((page) => page.rows)
    return pages.length === state.pages && rows.length === state.rows ? rows : null
  })
}

/** What the saver may capture: the current folder's rows, unless they are still loading. */
export interface RowsToSave {
  folder: string | null
  rows: ReadonlyMap<string, CardRow>
  loading: boolean
  /**
   * A sync is under way. Its end saves the pages (saveNow), so a quiet spell inside it does not: at 100k, the
   * rows stop changing for half a minute while the last writes catch up, and a save then put its pages (tens
   * of ms of cloning each) between a click and the card it opened.
   */
  syncing: boolean
}

/** The part of the BatchWriter the saver needs: a folder's write queue, its batch counts and its commits. */
export interface FolderWrites {
  queue(folder: string): SerialQueue
  countsOf(folder: string): { received: number; written: number }
  settled(folder: string): Promise<void>
}

/** Rewrites the current folder's row pages once it has been quiet for a while, then runs `quiet` (the details' tidy). */
export class RowPagesSaver {
  private dirty = false
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly db: TidingsDatabase,
    private readonly writer: FolderWrites,
    private readonly current: () => RowsToSave,
    private readonly quietMs = 5000,
    private readonly quiet: (folder: string) => Promise<void> = async () => {}
  ) {
    watchReaderInput()
  }

  /** The rows changed: save them after a quiet spell, longer for big folders (a rewrite costs ~1 s at 100k). */
  changed(): void {
    this.dirty = true
    this.clearTimer()
    const delay = Math.max(this.quietMs, (this.current().rows.size / 100_000) * 30_000)
    this.timer = setTimeout(() => {
      this.timer = null
      if (this.current().syncing) this.changed()
      else this.saveNow()
    }, delay)
  }

  /**
   * Captures the rows now and saves them behind the folder's queued card
   * writes, which these rows already include; any later write marks them stale.
   */
  saveNow(): void {
    const { folder, rows, loading } = this.current()
    if (folder === null || !this.dirty || loading) return
    this.clearTimer()
    this.dirty = false
    const captured = [...rows.values()]
    const received = this.writer.countsOf(folder).received
    void this.writer.queue(folder).run(async () => {
      // A write ahead in the queue took batches that came after the capture: these rows are already old.
      if (this.writer.countsOf(folder).written !== received) {
        if (this.current().folder === folder) this.changed()
        return
      }
      await saveRowPages(this.db, folder, captured, readerTurn).catch(() => undefined)
      await this.writer.settled(folder)
      await this.quiet(folder).catch(() => undefined)
    })
  }

  dispose(): void {
    this.clearTimer()
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }
}
