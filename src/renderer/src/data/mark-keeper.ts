// Read and star marks: shown at once, stored in the states table, journaled
// by main (offered again until main takes them), and merged with the journal
// at start so a lost database gets every mark back.
import type { Mark, TidingsApi } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'
import type { DatabaseOpening } from '../db/open-database'
import type { LibraryStore } from './library-store'
import { blankMark, MarkClock, mergeJournal, withRead, withStarred } from './marks'
import type { MarkAllReadResult } from './types'
import { messageOf } from '../../../shared/errors'


export class MarkKeeper {
  private readonly clock = new MarkClock()
  private readonly unjournaled = new Map<string, Mark>()
  private retryTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly api: TidingsApi,
    private readonly db: TidingsDatabase,
    private readonly store: LibraryStore,
    /** Runs `run` after `ms` unless the library was disposed. */
    private readonly later: (ms: number, run: () => void) => ReturnType<typeof setTimeout>,
    private readonly retryMs = 5000
  ) {}

  /** Loads the table's marks, merges the journal in, and says so when the database was rebuilt. */
  async restore(opening: DatabaseOpening): Promise<void> {
    const local = await this.db.states.toArray()
    for (const mark of local) this.clock.observe(mark.updatedAt)
    this.store.putMarks(local)
    let journal: Mark[]
    try {
      journal = await this.api.loadMarks()
    } catch (error) {
      this.store.updateStatus({ lastError: `Could not read the marks journal: ${messageOf(error)}` })
      return
    }
    for (const mark of journal) this.clock.observe(mark.updatedAt)
    const { restored, unjournaled } = await mergeJournal(this.db, journal)
    this.store.putMarks(restored)
    if (unjournaled.length > 0) void this.journal(unjournaled)
    // A new database with an empty journal is a first run (the folder alone fills it): nothing to report.
    if (opening.fresh && (opening.rebuiltBecause !== null || journal.length > 0)) {
      const why = opening.rebuiltBecause ? `could not be opened (${opening.rebuiltBecause})` : 'was missing'
      const marks = restored.length === 1 ? '1 read/star mark was' : `${restored.length} read/star marks were`
      this.store.updateStatus({ rebuildMessage: `The local library database ${why}, so it was rebuilt from the folder. ${marks} restored from the journal.` })
    }
  }

  setRead(id: string, read: boolean): Promise<void> {
    const mark = this.current(id)
    return mark.read === read ? Promise.resolve() : this.write([withRead(mark, read, this.clock.now())])
  }

  setStarred(id: string, starred: boolean): Promise<void> {
    const mark = this.current(id)
    return mark.starred === starred ? Promise.resolve() : this.write([withStarred(mark, starred, this.clock.now())])
  }

  /**
   * The read cards among `ids` count as read as of now: new coverage is counted from this time. An unread
   * card stays unread: only the reader, or the "Mark cards read" setting, marks a card read.
   */
  markSeen(ids: Iterable<string>): Promise<void> {
    const now = this.clock.now()
    const read = [...new Set(ids)].map((id) => this.current(id)).filter((mark) => mark.read)
    return this.write(read.map((mark) => withRead(mark, true, now)))
  }

  toggleRead(id: string): Promise<void> {
    return this.setRead(id, !this.current(id).read)
  }

  toggleStarred(id: string): Promise<void> {
    return this.setStarred(id, !this.current(id).starred)
  }

  async markAllRead(ids: Iterable<string>): Promise<MarkAllReadResult> {
    const before = [...new Set(ids)].map((id) => this.current(id)).filter((mark) => !mark.read)
    const now = this.clock.now()
    await this.write(before.map((mark) => withRead(mark, true, now)))
    return {
      changed: before.length,
      undo: async () => {
        const at = this.clock.now()
        // Only the read flag goes back; a star set since then stays.
        await this.write(before.map((old) => ({ ...this.current(old.id), read: old.read, readAt: old.readAt, updatedAt: at })))
      }
    }
  }

  /** Marks other devices made, shared through the folder: main merged and journaled them, so they are shown and stored as they are. */
  async acceptShared(marks: readonly Mark[]): Promise<void> {
    if (marks.length === 0) return
    for (const mark of marks) this.clock.observe(mark.updatedAt)
    this.store.putMarks(marks)
    try {
      await this.db.states.bulkPut([...marks])
    } catch (error) {
      this.store.updateStatus({ lastError: `Could not save the shared marks locally: ${messageOf(error)}` })
    }
  }

  /** Offers main the marks it could not take before (after a reconnect, say). */
  async flushJournal(): Promise<void> {
    if (this.unjournaled.size === 0) return
    const marks = [...this.unjournaled.values()]
    this.unjournaled.clear()
    await this.journal(marks)
  }

  private current(id: string): Mark {
    return this.store.mark(id) ?? blankMark(id)
  }

  private async write(marks: Mark[]): Promise<void> {
    if (marks.length === 0) return
    this.store.putMarks(marks)
    // The journal is offered at once, beside the table's write: a page closed right after a mark (an undo,
    // say) must not lose it while the write waits its turn behind a sync's transactions.
    const journaled = this.journal(marks)
    try {
      await this.db.states.bulkPut(marks)
    } catch (error) {
      this.store.updateStatus({ lastError: `Could not save the mark locally: ${messageOf(error)}` })
    }
    await journaled
  }

  private async journal(marks: Mark[]): Promise<void> {
    try {
      await this.api.recordMarks({ marks })
    } catch {
      // Kept and offered again: the journal is what survives a lost database.
      for (const mark of marks) this.unjournaled.set(mark.id, mark)
      this.retryTimer ??= this.later(this.retryMs, () => {
        this.retryTimer = null
        void this.flushJournal()
      })
    }
  }
}
