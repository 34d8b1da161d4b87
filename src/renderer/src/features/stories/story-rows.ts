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

const NONE: ReadonlySet<string> = new Set()

/** Most stories are one card: built without the sorting and sets a story of many needs (100k rows on a mode switch). */
function singleCardStory(anchor: string, card: CardRow, markOf: MarkOf): StoryRow {
  const mark = markOf(card.id)
  const readAt = mark?.read ? mark.readAt : null
  let fresh = 0
  if (readAt !== null) for (const time of card.relatedTimes ?? []) if (time > readAt) fresh++
  return {
    id: storyIdOf(anchor),
    anchor,
    lead: card,
    cards: [card],
    outlets: card.providerDomain === '' ? 0 : 1,
    firstAtMs: card.publishedAtMs,
    latestAtMs: card.publishedAtMs,
    unread: mark?.read ? 0 : 1,
    newCount: fresh,
    newIds: fresh > 0 ? new Set([card.id]) : NONE,
    readAt
  }
}

export function storyRowOf(anchor: string, cards: readonly CardRow[], markOf: MarkOf): StoryRow {
  if (cards.length === 1) return singleCardStory(anchor, cards[0], markOf)
  const coverage = newCoverageOf(cards, markOf)
  return { ...summarizeStory(anchor, cards), unread: cards.filter((card) => !markOf(card.id)?.read).length, newCount: coverage.count, newIds: coverage.ids, readAt: coverage.readAt }
}

/** The story of each card in `matches` (a card the worker has not placed yet is a story of its own). */
export function buildStoryRows(rows: readonly CardRow[], matches: Int32Array, map: StoryMap, rowById: ReadonlyMap<string, CardRow>, markOf: MarkOf, sort: StorySort): StoryRow[] {
  const seen = new Set<string>()
  const stories: StoryRow[] = []
  for (const position of matches) {
    const row = rows[position]
    if (row === undefined) continue
    const anchor = map.storyOfCard.get(row.id) ?? row.id
    if (seen.has(anchor)) continue
    seen.add(anchor)
    const ids = map.cardsOfStory.get(anchor) ?? [row.id]
    const cards = ids.map((id) => rowById.get(id)).filter((card): card is CardRow => card !== undefined)
    stories.push(storyRowOf(anchor, cards.length > 0 ? cards : [row], markOf))
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
