// The Stories list: one row per story with a card in the current view, with
// what its row shows (lead, outlets, latest time, unread, new coverage).
import { storyIdOf, summarizeStory, type StorySummary } from '../../../../shared/stories'
import type { Mark } from '../../../../shared/contract'
import type { CardRow } from '../../db/database'
import type { LibraryIndex } from '../filter/library-index'
import type { MappedStory } from './story-map'
import type { StoryTable } from './story-table'
import type { StoryRow, StorySort } from './story-row'
import { lazyStoryRowList, storyOrderOf, type StoryKeys, type StoryRowList } from './story-row-list'

export type { StoryRow, StorySort } from './story-row'

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
  readonly firstAtMs: number | null
  readonly latestAtMs: number | null
  private idMemo: string | undefined
  private summaryMemo: StorySummary<CardRow> | undefined
  private coverageMemo: ReturnType<typeof newCoverageOf> | undefined
  private unreadMemo: number | undefined
  private membersMemo: readonly CardRow[] | undefined

  /**
   * The cards, or a story of the map whose cards are looked up in `rowById`
   * when the row is first drawn; the times as the builder knows them, or
   * worked out from the cards.
   */
  constructor(
    readonly anchor: string,
    private readonly cardsOrStory: readonly CardRow[] | MappedStory,
    private readonly markOf: MarkOf,
    firstAtMs?: number | null,
    latestAtMs?: number | null,
    private readonly rowById?: ReadonlyMap<string, CardRow>,
    /** The card met in the view, should none of the story's cards be found in `rowById` (a view a render behind). */
    private readonly metCard?: CardRow
  ) {
    if (firstAtMs === undefined || latestAtMs === undefined) ({ first: firstAtMs, latest: latestAtMs } = timesOf(this.members))
    this.firstAtMs = firstAtMs
    this.latestAtMs = latestAtMs
  }

  private get members(): readonly CardRow[] {
    if (this.membersMemo !== undefined) return this.membersMemo
    const source = this.cardsOrStory
    if (Array.isArray(source)) return (this.membersMemo = source)
    const cards: CardRow[] = []
    for (const id of (source as MappedStory).ids) {
      const card = this.rowById?.get(id)
      if (card !== undefined) cards.push(card)
    }
    if (cards.length === 0 && this.metCard !== undefined) cards.push(this.metCard)
    return (this.membersMemo = cards)
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

function timesOf(cards: readonly CardRow[]): { first: number | null; latest: number | null } {
  let first: number | null = null
  let latest: number | null = null
  for (const card of cards) {
    const time = card.publishedAtMs
    if (time === null) continue
    if (first === null || time < first) first = time
    if (latest === null || time > latest) latest = time
  }
  return { first, latest }
}

const timeOrNull = (time: number): number | null => (Number.isNaN(time) ? null : time)
const orMinusOne = (value: number): number => (Number.isNaN(value) ? -1 : value)

/** The stories met in a view, in a sort's order, before any row is made. */
export interface StoryOrder {
  readonly keys: StoryKeys
  /** Entry e is story number entries[e] of the table, or the card alone at index position -1 - entries[e]. */
  readonly entries: Int32Array
  /** The first position in the view of each entry's card(s). */
  readonly metAt: Int32Array
  /** Entries by list position. */
  readonly order: Int32Array
}

/**
 * The story of each card in `matches` (positions in `index`; a card the
 * worker has not placed yet is a story of its own), in `sort`'s order: what
 * switching to Stories computes. One pass over the matches finds the stories
 * by `table.storyOf`; their keys come from the table (or the index's columns,
 * for a card alone), so nothing is made per card or story.
 */
export function orderStories(index: LibraryIndex, matches: Int32Array, table: StoryTable, sort: StorySort): StoryOrder {
  const met = new Uint8Array(table.stories.length)
  const removed = index.removed
  const found = new Int32Array(matches.length)
  const foundAt = new Int32Array(matches.length)
  let count = 0
  for (let at = 0; at < matches.length; at++) {
    const position = matches[at]
    // A table not built yet (the worker's first answer is due) places no card.
    const story = position < table.storyOf.length ? table.storyOf[position] : -1
    if (story === -1) {
      if (index.rows[position] === undefined || removed?.[position] === 1) continue
      foundAt[count] = position
      found[count++] = -1 - position
    } else if (met[story] === 0) {
      met[story] = 1
      foundAt[count] = position
      found[count++] = story
    }
  }
  const entries = found.slice(0, count)
  const keys = {
    anchors: new Array<string>(count),
    first: new Float64Array(count),
    latest: new Float64Array(count),
    leadQuality: new Float64Array(count),
    leadHeat: new Float64Array(count),
    outlets: new Int32Array(count),
    cards: new Int32Array(count)
  }
  for (let entry = 0; entry < count; entry++) {
    const story = entries[entry]
    if (story >= 0) {
      keys.anchors[entry] = table.stories[story]!.anchor
      keys.first[entry] = table.first[story]
      keys.latest[entry] = table.latest[story]
      keys.leadQuality[entry] = table.leadQuality[story]
      keys.leadHeat[entry] = table.leadHeat[story]
      keys.outlets[entry] = table.outlets[story]
      keys.cards[entry] = table.cards[story]
      continue
    }
    const position = -1 - story
    keys.anchors[entry] = index.rows[position].id
    keys.first[entry] = keys.latest[entry] = index.publishedAt[position]
    keys.leadQuality[entry] = orMinusOne(index.quality[position])
    keys.leadHeat[entry] = orMinusOne(index.heat[position])
    keys.outlets[entry] = index.domainOf[position] === '' ? 0 : 1
    keys.cards[entry] = 1
  }
  return { keys, entries, metAt: foundAt.slice(0, count), order: storyOrderOf(keys, sort) }
}

/**
 * The rows of `ordered`, each made when first read with the cards of
 * `rowById` and the marks of `markOf` as they are then: a mark or a sync
 * batch makes a new list over the same order. A story's row shows all its
 * cards, whatever the filter matched.
 */
export function storyRowsIn(ordered: StoryOrder, index: LibraryIndex, table: StoryTable, rowById: ReadonlyMap<string, CardRow>, markOf: MarkOf): StoryRowList {
  const { keys, entries, metAt } = ordered
  return lazyStoryRowList(keys.anchors, ordered.order, (entry) => {
    const story = entries[entry]
    const first = timeOrNull(keys.first[entry])
    const latest = timeOrNull(keys.latest[entry])
    const metCard = index.rows[metAt[entry]]
    if (story >= 0) return new LazyStoryRow(keys.anchors[entry], table.stories[story]!, markOf, first, latest, rowById, metCard)
    return new LazyStoryRow(keys.anchors[entry], [metCard], markOf, first, latest)
  })
}

/** orderStories, then storyRowsIn: the Stories list of a view. */
export function buildStoryRows(
  index: LibraryIndex,
  matches: Int32Array,
  table: StoryTable,
  rowById: ReadonlyMap<string, CardRow>,
  markOf: MarkOf,
  sort: StorySort
): StoryRowList {
  return storyRowsIn(orderStories(index, matches, table, sort), index, table, rowById, markOf)
}
