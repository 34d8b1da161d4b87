// The Stories list: one row per story with a card in the current view, with
// what its row shows (lead, outlets, latest time, unread, new coverage).
import { storyIdOf, summarizeStory, type StorySummary } from '../../../../shared/stories'
import type { Mark } from '../../../../shared/contract'
import type { CardRow } from '../../db/database'
import type { MappedStory, StoryMap } from './story-map'
import type { StoryRow, StorySort } from './story-row'
import { sortedStoryRowList, type StoryRowList } from './story-row-list'

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
    private readonly rowById?: ReadonlyMap<string, CardRow>
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

/**
 * The story of each card in `matches` (a card the worker has not placed yet
 * is a story of its own), in `sort`'s order: what switching to Stories
 * computes. The order comes from typed arrays of times; a row is made, and
 * works out its summary, only when read. `mapInStep`: the map holds exactly
 * the cards of `rowById`.
 */
export function buildStoryRows(
  rows: readonly CardRow[],
  matches: Int32Array,
  map: StoryMap,
  rowById: ReadonlyMap<string, CardRow>,
  markOf: MarkOf,
  sort: StorySort,
  mapInStep = false
): StoryRowList {
  if (mapInStep && matches.length === rowById.size) return everyStory(map, rowById, markOf, sort)
  return storiesOfCards(rows, matches, map, rowById, markOf, sort)
}

const timeOrNaN = (time: number | null): number => time ?? NaN
const timeOrNull = (time: number): number | null => (Number.isNaN(time) ? null : time)

/**
 * Every story of the map, when every card is in view and the map holds
 * exactly the cards of `rowById` (use-stories.ts says when): no lookup per
 * card, the times come with the stories, and a row finds its cards when drawn.
 */
function everyStory(map: StoryMap, rowById: ReadonlyMap<string, CardRow>, markOf: MarkOf, sort: StorySort): StoryRowList {
  const stories = [...map.storyOfAnchor.values()]
  const anchors = stories.map((story) => story.anchor)
  const firsts = new Float64Array(stories.length)
  const latests = new Float64Array(stories.length)
  for (let entry = 0; entry < stories.length; entry++) {
    firsts[entry] = timeOrNaN(stories[entry].firstAtMs)
    latests[entry] = timeOrNaN(stories[entry].latestAtMs)
  }
  const rowAt = (entry: number): StoryRow => {
    const story = stories[entry]
    return new LazyStoryRow(story.anchor, story, markOf, story.firstAtMs, story.latestAtMs, rowById)
  }
  return sortedStoryRowList(anchors, firsts, latests, rowAt, sort)
}

/**
 * The story of each card in `matches`, one lookup per card. A card alone in
 * its story is kept as the card itself; only a story of several cards
 * gathers its cards (and times) here.
 */
function storiesOfCards(rows: readonly CardRow[], matches: Int32Array, map: StoryMap, rowById: ReadonlyMap<string, CardRow>, markOf: MarkOf, sort: StorySort): StoryRowList {
  // Only a story of several cards can be met twice: most stories skip the set.
  const seen = new Set<MappedStory>()
  const anchors: string[] = []
  const sources: (CardRow | CardRow[])[] = []
  const firsts = new Float64Array(matches.length)
  const latests = new Float64Array(matches.length)
  for (let at = 0; at < matches.length; at++) {
    const row = rows[matches[at]]
    if (row === undefined) continue
    const story = map.storyOfCard.get(row.id)
    const entry = anchors.length
    if (story === undefined || (story.ids.length === 1 && story.ids[0] === row.id)) {
      anchors.push(story?.anchor ?? row.id)
      sources.push(row)
      firsts[entry] = latests[entry] = timeOrNaN(row.publishedAtMs)
      continue
    }
    if (seen.has(story)) continue
    seen.add(story)
    const cards: CardRow[] = []
    for (const id of story.ids) {
      const card = rowById.get(id)
      if (card !== undefined) cards.push(card)
    }
    const members = cards.length > 0 ? cards : [row]
    const { first, latest } = timesOf(members)
    anchors.push(story.anchor)
    sources.push(members)
    firsts[entry] = timeOrNaN(first)
    latests[entry] = timeOrNaN(latest)
  }
  const rowAt = (entry: number): StoryRow => {
    const source = sources[entry]
    return new LazyStoryRow(anchors[entry], Array.isArray(source) ? source : [source], markOf, timeOrNull(firsts[entry]), timeOrNull(latests[entry]))
  }
  return sortedStoryRowList(anchors, firsts.subarray(0, anchors.length), latests.subarray(0, anchors.length), rowAt, sort)
}
