// Two files with one id are copies of one card. The newest file wins; the others are
// its aliases, and when the winner goes an alias takes over. Pure, and it works
// on light entries so the live library can keep it up to date file by file.

export interface CopyEntry {
  path: string
  id: string
  publishedAtMs: number | null
  mtimeMs: number
}

export interface CopyGroup<E extends CopyEntry = CopyEntry> {
  id: string
  winner: E
  /** The other files, best first. */
  aliases: E[]
}

/**
 * Negative when `a` should win over `b`: later publishedAtMs (a missing date
 * loses), then later mtimeMs, then the path that sorts first.
 */
export function compareCopies(a: CopyEntry, b: CopyEntry): number {
  const published = (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity)
  if (published !== 0 && !Number.isNaN(published)) return published
  if (b.mtimeMs !== a.mtimeMs) return b.mtimeMs - a.mtimeMs
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

function rank<E extends CopyEntry>(id: string, entries: E[]): CopyGroup<E> {
  const sorted = [...entries].sort(compareCopies)
  return { id, winner: sorted[0], aliases: sorted.slice(1) }
}

/** Groups entries by id; one group of copies per id. */
export function resolveCopies<E extends CopyEntry>(entries: Iterable<E>): Map<string, CopyGroup<E>> {
  const byId = new Map<string, E[]>()
  for (const entry of entries) {
    const group = byId.get(entry.id)
    if (group === undefined) byId.set(entry.id, [entry])
    else group.push(entry)
  }
  const groups = new Map<string, CopyGroup<E>>()
  for (const [id, group] of byId) groups.set(id, rank(id, group))
  return groups
}

/** What one change did to a group of copies: its new state, or null when its last file went. */
export interface CopyChange<E extends CopyEntry = CopyEntry> {
  id: string
  group: CopyGroup<E> | null
  /** The winner's path before the change, null when the group is new. */
  previousWinner: string | null
}

/**
 * The copies of a folder, kept up to date one file at a time. A file whose id
 * changes (its URL was rewritten) leaves its old group and joins the new one,
 * so one call may report two changes.
 */
export class CopyIndex<E extends CopyEntry = CopyEntry> {
  private readonly byPath = new Map<string, E>()
  private readonly byId = new Map<string, Map<string, E>>()

  constructor(entries: Iterable<E> = []) {
    for (const entry of entries) this.set(entry)
  }

  get size(): number {
    return this.byId.size
  }

  /** Adds or replaces the file at `entry.path`. */
  set(entry: E): CopyChange<E>[] {
    const changes: CopyChange<E>[] = []
    const before = this.byPath.get(entry.path)
    if (before !== undefined && before.id !== entry.id) changes.push(...this.delete(entry.path))
    const previousWinner = this.get(entry.id)?.winner.path ?? null
    let group = this.byId.get(entry.id)
    if (group === undefined) {
      group = new Map()
      this.byId.set(entry.id, group)
    }
    group.set(entry.path, entry)
    this.byPath.set(entry.path, entry)
    changes.push({ id: entry.id, group: this.get(entry.id) ?? null, previousWinner })
    return changes
  }

  /** Removes the file at `path`; no change when it was not known. */
  delete(path: string): CopyChange<E>[] {
    const entry = this.byPath.get(path)
    if (entry === undefined) return []
    const previousWinner = this.get(entry.id)?.winner.path ?? null
    this.byPath.delete(path)
    const group = this.byId.get(entry.id)
    group?.delete(path)
    if (group !== undefined && group.size === 0) this.byId.delete(entry.id)
    return [{ id: entry.id, group: this.get(entry.id) ?? null, previousWinner }]
  }

  get(id: string): CopyGroup<E> | undefined {
    const group = this.byId.get(id)
    return group === undefined ? undefined : rank(id, [...group.values()])
  }

  entryAt(path: string): E | undefined {
    return this.byPath.get(path)
  }

  *groups(): IterableIterator<CopyGroup<E>> {
    for (const id of this.byId.keys()) yield rank(id, [...this.byId.get(id)!.values()])
  }
}
