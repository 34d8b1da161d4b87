// The Stories list as the virtual list reads it: a count, the story at a
// position, its anchor. Switching to Stories orders 75k stories at 100k cards
// but draws a screenful, so it sorts by typed keys and makes a row object only
// when a position is read.
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

/** What each story in the list is sorted by, per entry (a story met in the view). */
export interface StoryKeys {
  readonly anchors: readonly string[]
  /** NaN for none. */
  readonly first: Float64Array
  readonly latest: Float64Array
  /** The lead's quality and heat, -1 for none. */
  readonly leadQuality: Float64Array
  readonly leadHeat: Float64Array
  readonly outlets: Int32Array
  readonly cards: Int32Array
}

/**
 * The stories of `keys`, their rows made by `rowAt` on demand, in `sort`'s
 * order (STORY_ORDER) worked out from the typed keys alone: no row is made to
 * sort. Newest and oldest order by time, equal times by the story id's
 * number; the other sorts are stable sorts of the newest order (the order
 * they fall back to) by their own keys, the last key first.
 */
export function sortedStoryRowList(keys: StoryKeys, rowAt: (entry: number) => StoryRow, sort: StorySort): StoryRowList {
  return lazyStoryRowList(keys.anchors, storyOrderOf(keys, sort), rowAt)
}

/** The entries at their positions in `order`, each row made by `rowAt` when first read. */
export function lazyStoryRowList(anchors: readonly string[], order: Int32Array, rowAt: (entry: number) => StoryRow): StoryRowList {
  const count = order.length
  const made: (StoryRow | undefined)[] = new Array<StoryRow | undefined>(count)
  const rowOf = (entry: number): StoryRow => (made[entry] ??= rowAt(entry))
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

/** The entries of `keys` in `sort`'s order. */
export function storyOrderOf(keys: StoryKeys, sort: StorySort): Int32Array {
  const count = keys.anchors.length
  // Equal times fall back to the story id, compared as its number: no row, no string.
  const hashes = new Float64Array(count).fill(-1)
  const hashOf = (entry: number): number => (hashes[entry] >= 0 ? hashes[entry] : (hashes[entry] = storyHashOf(keys.anchors[entry])))
  const byId = (a: number, b: number): number => (hashOf(a) < hashOf(b) ? -1 : 1)
  const descending = (values: Float64Array | Int32Array): Float64Array => {
    const negated = new Float64Array(count)
    for (let entry = 0; entry < count; entry++) negated[entry] = -values[entry]
    return negated
  }
  // No time sorts last.
  const timeKeys = (times: Float64Array, sign: 1 | -1): Float64Array => {
    const timeKeys = new Float64Array(count)
    for (let entry = 0; entry < count; entry++) timeKeys[entry] = Number.isNaN(times[entry]) ? Infinity : sign * times[entry]
    return timeKeys
  }
  if (sort === 'oldest') return orderByKeys(timeKeys(keys.first, 1), byId)
  const newest = orderByKeys(timeKeys(keys.latest, -1), byId)
  if (sort === 'quality') return stableOrderByKeys(descending(keys.leadQuality), newest)
  if (sort === 'heat') return stableOrderByKeys(descending(keys.leadHeat), newest)
  if (sort === 'covered') return stableOrderByKeys(descending(keys.outlets), stableOrderByKeys(descending(keys.cards), newest))
  return newest
}

/**
 * The entries in ascending order of `keys`, equal keys by `compare`: the keys
 * are sorted natively, each entry finds its place by a binary search, and
 * only runs of equal keys go through the comparator (over 75k stories a
 * comparator cost several times more).
 */
function orderByKeys(keys: Float64Array, compare: (a: number, b: number) => number): Int32Array {
  const order = stableOrderByKeys(keys, null)
  for (let from = 0; from < order.length; ) {
    let to = from + 1
    while (to < order.length && keys[order[to]] === keys[order[from]]) to++
    if (to - from > INSERTION_RUN) order.subarray(from, to).set(Array.from(order.subarray(from, to)).sort(compare))
    else if (to - from > 1) sortInPlace(order, from, to, compare)
    from = to
  }
  return order
}

/** The entries in ascending order of `keys`; equal keys keep their order in `inOrder` (null: entry order). */
function stableOrderByKeys(keys: Float64Array, inOrder: Int32Array | null): Int32Array {
  let least = Infinity
  let most = -Infinity
  let whole = true
  for (let entry = 0; entry < keys.length && whole; entry++) {
    const key = keys[entry]
    whole = Number.isInteger(key)
    if (key < least) least = key
    if (key > most) most = key
  }
  // Qualities, heats, outlets and card counts are a few small whole numbers: counted, not sorted.
  if (whole && most - least <= Math.max(COUNTED_RANGE, keys.length)) return countedOrder(keys, inOrder, least, most - least + 1)
  const sortedKeys = keys.slice().sort()
  const taken = new Int32Array(keys.length)
  const order = new Int32Array(keys.length)
  for (let at = 0; at < keys.length; at++) {
    const entry = inOrder === null ? at : inOrder[at]
    const first = firstAtLeast(sortedKeys, keys[entry])
    order[first + taken[first]++] = entry
  }
  return order
}

const COUNTED_RANGE = 4096

/** A counting sort of whole-number keys from `least`, over `range` values; stable as stableOrderByKeys. */
function countedOrder(keys: Float64Array, inOrder: Int32Array | null, least: number, range: number): Int32Array {
  const starts = new Int32Array(range + 1)
  for (let entry = 0; entry < keys.length; entry++) starts[keys[entry] - least + 1]++
  for (let value = 1; value <= range; value++) starts[value] += starts[value - 1]
  const order = new Int32Array(keys.length)
  for (let at = 0; at < keys.length; at++) {
    const entry = inOrder === null ? at : inOrder[at]
    order[starts[keys[entry] - least]++] = entry
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
