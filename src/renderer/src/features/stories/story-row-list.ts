// The Stories list as the virtual list reads it: a count, the story at a
// position, its anchor. Switching to Stories orders 75k stories at 100k cards
// but draws a screenful, so a row object is made only when a position is read.
import { storyHashOf } from '../../../../shared/stories'
import type { StoryRow, StorySort } from './story-row'

export interface StoryRowList {
  readonly length: number
  /** The story at `position`, made on first read and the same object after. */
  at(position: number): StoryRow | undefined
  /** The story's anchor at `position`, without making its row (the virtual list keys every position). */
  anchorAt(position: number): string | undefined
  /** The position of the story with this anchor, or -1. */
  positionOf(anchor: string): number
}

export function storyRowListOf(stories: readonly StoryRow[]): StoryRowList {
  return {
    length: stories.length,
    at: (position) => stories[position],
    anchorAt: (position) => stories[position]?.anchor,
    positionOf: (anchor) => stories.findIndex((story) => story.anchor === anchor)
  }
}

export function storyRowsOf(list: StoryRowList): StoryRow[] {
  return Array.from({ length: list.length }, (_, position) => list.at(position)!)
}

/**
 * Stories known by their anchor and first/latest times (NaN for none), their
 * rows made by `rowAt` on demand, in `sort`'s order. 'newest' and 'oldest'
 * order by the times alone; the other orders need each story's lead or
 * outlets, so every row is made for them.
 */
export function sortedStoryRowList(anchors: readonly string[], firsts: Float64Array, latests: Float64Array, rowAt: (entry: number) => StoryRow, sort: StorySort): StoryRowList {
  const count = anchors.length
  const made: (StoryRow | undefined)[] = new Array<StoryRow | undefined>(count)
  const rowOf = (entry: number): StoryRow => (made[entry] ??= rowAt(entry))
  const keys = new Float64Array(count)
  if (sort === 'newest') for (let entry = 0; entry < count; entry++) keys[entry] = Number.isNaN(latests[entry]) ? Infinity : -latests[entry]
  else if (sort === 'oldest') for (let entry = 0; entry < count; entry++) keys[entry] = Number.isNaN(firsts[entry]) ? Infinity : firsts[entry]
  else for (let entry = 0; entry < count; entry++) keys[entry] = FIRST_KEY[sort](rowOf(entry))
  // By times, equal keys fall back to the story id, compared as its number: no row, no string.
  const byTimes = sort === 'newest' || sort === 'oldest'
  const hashes = byTimes ? new Float64Array(count).fill(-1) : new Float64Array(0)
  const hashOf = (entry: number): number => (hashes[entry] >= 0 ? hashes[entry] : (hashes[entry] = storyHashOf(anchors[entry])))
  const order = orderByKeys(keys, byTimes ? (a, b) => (hashOf(a) < hashOf(b) ? -1 : 1) : (a, b) => STORY_ORDER[sort](rowOf(a), rowOf(b)))
  return {
    length: count,
    at: (position) => (position >= 0 && position < count ? rowOf(order[position]) : undefined),
    anchorAt: (position) => (position >= 0 && position < count ? anchors[order[position]] : undefined),
    positionOf: (anchor) => {
      for (let position = 0; position < count; position++) if (anchors[order[position]] === anchor) return position
      return -1
    }
  }
}

/**
 * The entries in ascending order of `keys`, equal keys by `compare`: the keys
 * are sorted natively, each entry finds its place by a binary search, and
 * only runs of equal keys go through the comparator (over 75k stories a
 * comparator cost several times more).
 */
function orderByKeys(keys: Float64Array, compare: (a: number, b: number) => number): Int32Array {
  const sortedKeys = keys.slice().sort()
  const taken = new Int32Array(keys.length)
  const order = new Int32Array(keys.length)
  for (let entry = 0; entry < keys.length; entry++) {
    const first = firstAtLeast(sortedKeys, keys[entry])
    order[first + taken[first]++] = entry
  }
  for (let from = 0; from < order.length; ) {
    let to = from + 1
    while (to < order.length && sortedKeys[to] === sortedKeys[from]) to++
    if (to - from > INSERTION_RUN) order.subarray(from, to).set(Array.from(order.subarray(from, to)).sort(compare))
    else if (to - from > 1) sortInPlace(order, from, to, compare)
    from = to
  }
  return order
}

/** Runs of equal keys are mostly 2 or 3 stories: sorted where they lie, no array made. */
const INSERTION_RUN = 12

function sortInPlace(order: Int32Array, from: number, to: number, compare: (a: number, b: number) => number): void {
  for (let at = from + 1; at < to; at++) {
    const entry = order[at]
    let into = at
    while (into > from && compare(order[into - 1], entry) > 0) {
      order[into] = order[into - 1]
      into--
    }
    order[into] = entry
  }
}

/** The first position of `sortedKeys` holding `key` or more. */
function firstAtLeast(sortedKeys: Float64Array, key: number): number {
  let low = 0
  let high = sortedKeys.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sortedKeys[middle] < key) low = middle + 1
    else high = middle
  }
  return low
}

const latest = (story: StoryRow): number => story.latestAtMs ?? -Infinity
const byLatest = (a: StoryRow, b: StoryRow): number => latest(b) - latest(a) || (a.id < b.id ? -1 : 1)

/** Each order in full (exported for the test that checks the keyed sort against it). */
export const STORY_ORDER: Record<StorySort, (a: StoryRow, b: StoryRow) => number> = {
  newest: byLatest,
  oldest: (a, b) => (a.firstAtMs ?? Infinity) - (b.firstAtMs ?? Infinity) || (a.id < b.id ? -1 : 1),
  quality: (a, b) => (b.lead.quality ?? -1) - (a.lead.quality ?? -1) || byLatest(a, b),
  heat: (a, b) => (b.lead.heat ?? -1) - (a.lead.heat ?? -1) || byLatest(a, b),
  covered: (a, b) => b.outlets - a.outlets || b.cards.length - a.cards.length || byLatest(a, b)
}

/** Each order's first key, ascending: where it differs between two stories, STORY_ORDER says the same. */
const FIRST_KEY: Record<StorySort, (story: StoryRow) => number> = {
  newest: (story) => -latest(story),
  oldest: (story) => story.firstAtMs ?? Infinity,
  quality: (story) => -(story.lead.quality ?? -1),
  heat: (story) => -(story.lead.heat ?? -1),
  covered: (story) => -story.outlets
}
