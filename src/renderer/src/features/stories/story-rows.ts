// The Stories list: one row per story with a card in the current view, with
// what its row shows (lead, outlets, latest time, unread, new coverage).
import { storyIdOf, summarizeStory, type StorySummary } from '../../../../shared/stories'
import type { Mark } from '../../../../shared/contract'
import type { CardRow } from '../../db/database'
import type { SortKey } from '../filter/library-index'
import type { StoryMap } from './story-map'

export type StorySort = SortKey | 'covered'

export interface StoryRow extends StorySummary<CardRow> {
  unread: number
  /** Coverage that arrived after the story was last read (0 when it never was). */
  newCount: number
  /** Card ids of that new coverage, and of cards carrying new related items. */
  newIds: ReadonlySet<string>
  /** When the story was last read (the latest read among its cards), or null. */
  readAt: number | null
}

export type MarkOf = (id: string) => Pick<Mark, 'read' | 'readAt'> | undefined

/**
 * When the story was last read: the latest read time among its cards. New
 * coverage is what was published after it: cards not read since, and related
 * items the feed added to its cards. Marks and cards both survive a rebuilt
 * database (the journal and the folder), so this does too.
 */
export function newCoverageOf(cards: readonly CardRow[], markOf: MarkOf): { count: number; ids: Set<string>; readAt: number | null } {
  let readAt = -Infinity
  for (const card of cards) {
    const mark = markOf(card.id)
    if (mark?.read && mark.readAt !== null && mark.readAt > readAt) readAt = mark.readAt
  }
  const ids = new Set<string>()
  if (readAt === -Infinity) return { count: 0, ids, readAt: null }
  let count = 0
  for (const card of cards) {
    if (!markOf(card.id)?.read && (card.publishedAtMs ?? -Infinity) > readAt) {
      count++
      ids.add(card.id)
    }
    const fresh = (card.relatedTimes ?? []).filter((time) => time > readAt).length
    if (fresh > 0) {
      count += fresh
      ids.add(card.id)
    }
  }
  return { count, ids, readAt }
}

/**
 * A story's row, its costly parts (summary, id, unread, new coverage) worked
 * out on first read: switching to Stories sorts every story in view by its
 * times, but the list draws a screenful, so most rows never need the rest.
 * Built again whenever its cards or marks change (see use-story-view.ts).
 */
class LazyStoryRow implements StoryRow {
  readonly firstAtMs: number | null = null
  readonly latestAtMs: number | null = null
  private idMemo: string | undefined
  private summaryMemo: StorySummary<CardRow> | undefined
  private coverageMemo: ReturnType<typeof newCoverageOf> | undefined
  private unreadMemo: number | undefined

  constructor(
    readonly anchor: string,
    private readonly members: readonly CardRow[],
    private readonly markOf: MarkOf
  ) {
    for (const card of members) {
      const time = card.publishedAtMs
      if (time === null) continue
      if (this.firstAtMs === null || time < this.firstAtMs) this.firstAtMs = time
      if (this.latestAtMs === null || time > this.latestAtMs) this.latestAtMs = time
    }
  }

  get id(): string {
    return (this.idMemo ??= storyIdOf(this.anchor))
  }

  get lead(): CardRow {
    return this.members.length === 1 ? this.members[0] : this.summary().lead
  }

  get cards(): CardRow[] {
    return this.summary().cards
  }

  get outlets(): number {
    return this.summary().outlets
  }

  get unread(): number {
    return (this.unreadMemo ??= this.members.filter((card) => !this.markOf(card.id)?.read).length)
  }

  get newCount(): number {
    return this.coverage().count
  }

  get newIds(): ReadonlySet<string> {
    return this.coverage().ids
  }

  get readAt(): number | null {
    return this.coverage().readAt
  }

  private summary(): StorySummary<CardRow> {
    return (this.summaryMemo ??= summarizeStory(this.anchor, this.members))
  }

  private coverage(): ReturnType<typeof newCoverageOf> {
    return (this.coverageMemo ??= newCoverageOf(this.members, this.markOf))
  }
}

export function storyRowOf(anchor: string, cards: readonly CardRow[], markOf: MarkOf): StoryRow {
  return new LazyStoryRow(anchor, cards, markOf)
}

/** The story of each card in `matches` (a card the worker has not placed yet is a story of its own). */
export function buildStoryRows(rows: readonly CardRow[], matches: Int32Array, map: StoryMap, rowById: ReadonlyMap<string, CardRow>, markOf: MarkOf, sort: StorySort): StoryRow[] {
  // Only a story of several cards can be met twice: most stories skip the set.
  const seen = new Set<string>()
  const stories: StoryRow[] = []
  for (const position of matches) {
    const row = rows[position]
    if (row === undefined) continue
    const anchor = map.storyOfCard.get(row.id) ?? row.id
    const ids = map.cardsOfStory.get(anchor)
    if (ids === undefined || (ids.length === 1 && ids[0] === row.id)) {
      stories.push(new LazyStoryRow(anchor, [row], markOf))
      continue
    }
    if (seen.has(anchor)) continue
    seen.add(anchor)
    const cards: CardRow[] = []
    for (const id of ids) {
      const card = rowById.get(id)
      if (card !== undefined) cards.push(card)
    }
    stories.push(new LazyStoryRow(anchor, cards.length > 0 ? cards : [row], markOf))
  }
  return stories.sort(STORY_ORDER[sort])
}

const latest = (story: StoryRow): number => story.latestAtMs ?? -Infinity
const byLatest = (a: StoryRow, b: StoryRow): number => latest(b) - latest(a) || (a.id < b.id ? -1 : 1)

const STORY_ORDER: Record<StorySort, (a: StoryRow, b: StoryRow) => number> = {
  newest: byLatest,
  oldest: (a, b) => (a.firstAtMs ?? Infinity) - (b.firstAtMs ?? Infinity) || (a.id < b.id ? -1 : 1),
  quality: (a, b) => (b.lead.quality ?? -1) - (a.lead.quality ?? -1) || byLatest(a, b),
  heat: (a, b) => (b.lead.heat ?? -1) - (a.lead.heat ?? -1) || byLatest(a, b),
  covered: (a, b) => b.outlets - a.outlets || b.cards.length - a.cards.length || byLatest(a, b)
}
