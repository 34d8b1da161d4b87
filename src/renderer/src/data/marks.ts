// Read and star marks. The states table is the renderer's copy; main's journal
// is the copy that survives a lost database. Whichever mark is newer wins.
import type { Mark } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'

export function blankMark(id: string): Mark {
  return { id, read: false, readAt: null, starred: false, starredAt: null, updatedAt: 0 }
}

export function withRead(mark: Mark, read: boolean, now: number): Mark {
  return { ...mark, read, readAt: read ? now : null, updatedAt: now }
}

export function withStarred(mark: Mark, starred: boolean, now: number): Mark {
  return { ...mark, starred, starredAt: starred ? now : null, updatedAt: now }
}

/** The newest mark per id. */
export function latestMarks(marks: Iterable<Mark>): Map<string, Mark> {
  const latest = new Map<string, Mark>()
  for (const mark of marks) {
    const seen = latest.get(mark.id)
    if (!seen || mark.updatedAt >= seen.updatedAt) latest.set(mark.id, mark)
  }
  return latest
}

export interface JournalMerge {
  /** Journal marks newer than the table's (or missing from it), now written to the table. */
  restored: Mark[]
  /** Table marks the journal lacks or has older: main should journal them. */
  unjournaled: Mark[]
}

/** Brings the states table and the journal's marks into agreement, newest mark winning. */
export async function mergeJournal(db: TidingsDatabase, journal: Iterable<Mark>): Promise<JournalMerge> {
  const fromJournal = latestMarks(journal)
  return db.transaction('rw', db.states, async () => {
    const local = await db.states.toArray()
    const unjournaled = local.filter((mark) => mark.updatedAt > (fromJournal.get(mark.id)?.updatedAt ?? -1))
    const localById = new Map(local.map((mark) => [mark.id, mark]))
    const restored = [...fromJournal.values()].filter((mark) => mark.updatedAt > (localById.get(mark.id)?.updatedAt ?? -1))
    if (restored.length > 0) await db.states.bulkPut(restored)
    return { restored, unjournaled }
  })
}

/** A clock that never repeats or goes back, so two quick marks keep their order in the journal. */
export class MarkClock {
  private last = 0

  /** Never hand out a time at or before a mark already made (the system clock may have gone back). */
  observe(updatedAt: number): void {
    this.last = Math.max(this.last, updatedAt)
  }

  now(): number {
    this.last = Math.max(Date.now(), this.last + 1)
    return this.last
  }
}
