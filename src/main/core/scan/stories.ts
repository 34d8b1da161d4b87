// Two files with one id are one story. The newest file wins; the others are
// its aliases, and when the winner goes an alias takes over. Pure, and it works
// on light entries so the live library can keep it up to date file by file.

export interface StoryEntry {
  path: string
  id: string
  publishedAtMs: number | null
  mtimeMs: number
}

export interface ResolvedStory<E extends StoryEntry = StoryEntry> {
  id: string
  winner: E
  /** The other files, best first. */
  aliases: E[]
}

/**
 * Negative when `a` should win over `b`: later publishedAtMs (a missing date
 * loses), then later mtimeMs, then the path that sorts first.
 */
export function compareStoryEntries(a: StoryEntry, b: StoryEntry): number {
  const published = (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity)
  if (published !== 0 && !Number.isNaN(published)) return published
  if (b.mtimeMs !== a.mtimeMs) return b.mtimeMs - a.mtimeMs
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

function rank<E extends StoryEntry>(id: string, entries: E[]): ResolvedStory<E> {
  const sorted = [...entries].sort(compareStoryEntries)
  return { id, winner: sorted[0], aliases: sorted.slice(1) }
}

/** Groups entries by id; one story per id. */
export function resolveStories<E extends StoryEntry>(entries: Iterable<E>): Map<string, ResolvedStory<E>> {
  const byId = new Map<string, E[]>()
  for (const entry of entries) {
    const group = byId.get(entry.id)
    if (group === undefined) byId.set(entry.id, [entry])
    else group.push(entry)
  }
  const stories = new Map<string, ResolvedStory<E>>()
  for (const [id, group] of byId) stories.set(id, rank(id, group))
  return stories
}

/** What one change did to a story: its new state, or null when its last file went. */
export interface StoryChange<E extends StoryEntry = StoryEntry> {
  id: string
  story: ResolvedStory<E> | null
  /** The winner's path before the change, null when the story is new. */
  previousWinner: string | null
}

/**
 * The stories of a folder, kept up to date one file at a time. A file whose id
 * changes (its URL was rewritten) leaves its old story and joins the new one,
 * so one call may report two changes.
 */
export class StoryIndex<E extends StoryEntry = StoryEntry> {
  private readonly byPath = new Map<string, E>()
  private readonly byId = new Map<string, Map<string, E>>()

  constructor(entries: Iterable<E> = []) {
    for (const entry of entries) this.set(entry)
  }

  get size(): number {
    return this.byId.size
  }

  /** Adds or replaces the file at `entry.path`. */
  set(entry: E): StoryChange<E>[] {
    const changes: StoryChange<E>[] = []
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
    changes.push({ id: entry.id, story: this.get(entry.id) ?? null, previousWinner })
    return changes
  }

  /** Removes the file at `path`; no change when it was not known. */
  delete(path: string): StoryChange<E>[] {
    const entry = this.byPath.get(path)
    if (entry === undefined) return []
    const previousWinner = this.get(entry.id)?.winner.path ?? null
    this.byPath.delete(path)
    const group = this.byId.get(entry.id)
    group?.delete(path)
    if (group !== undefined && group.size === 0) this.byId.delete(entry.id)
    return [{ id: entry.id, story: this.get(entry.id) ?? null, previousWinner }]
  }

  get(id: string): ResolvedStory<E> | undefined {
    const group = this.byId.get(id)
    return group === undefined ? undefined : rank(id, [...group.values()])
  }

  entryAt(path: string): E | undefined {
    return this.byPath.get(path)
  }

  *stories(): IterableIterator<ResolvedStory<E>> {
    for (const id of this.byId.keys()) yield rank(id, [...this.byId.get(id)!.values()])
  }
}
