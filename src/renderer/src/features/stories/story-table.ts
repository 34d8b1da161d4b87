// The worker's stories laid over the filter's index in typed arrays: the story
// number of each card position, and each story's sort facts over its cards in
// the index (times, the lead's quality and heat, outlets, cards). Built once
// when the worker first answers, then patched with each reply and index patch,
// so the Stories list, in every sort and with any filter, is one pass over
// typed arrays with no object per card or story.
import type { LibraryIndex } from '../filter/library-index'
import type { MappedStory, StoryMap } from './story-map'

const orMinusOne = (value: number): number => (Number.isNaN(value) ? -1 : value)

/** Whether the card at `a` leads before the card at `b` (summarizeStory's leadOf, on the index's columns). */
function leadsBefore(index: LibraryIndex, a: number, b: number): boolean {
  const qualityA = orMinusOne(index.quality[a])
  const qualityB = orMinusOne(index.quality[b])
  if (qualityA !== qualityB) return qualityA > qualityB
  const timeA = Number.isNaN(index.publishedAt[a]) ? -Infinity : index.publishedAt[a]
  const timeB = Number.isNaN(index.publishedAt[b]) ? -Infinity : index.publishedAt[b]
  if (timeA !== timeB) return timeA > timeB
  return index.rows[a].id < index.rows[b].id
}

/** Distinct non-empty domains among `domains` (a story's few cards: compared in a list; a big one in a set). */
function distinctDomains(domains: readonly string[]): number {
  if (domains.length > 32) return new Set(domains.filter((domain) => domain !== '')).size
  let count = 0
  for (let at = 0; at < domains.length; at++) {
    const domain = domains[at]
    if (domain !== '' && domains.indexOf(domain) === at) count++
  }
  return count
}

function grown<T extends Int32Array | Float64Array>(array: T, size: number, make: (size: number) => T): T {
  if (array.length >= size) return array
  const larger = make(Math.max(size, array.length * 2, 64))
  larger.set(array)
  return larger
}

export class StoryTable {
  /** The story number of each index position (the map's numbers); -1 where the worker has not placed the card (a story of its own). */
  storyOf = new Int32Array(0)
  /** The stories by number (undefined: a free number): the map's. */
  stories: readonly (MappedStory | undefined)[] = []
  /** Per story number. Times are NaN where no card has one. */
  first = new Float64Array(0)
  latest = new Float64Array(0)
  /** The lead's quality and heat, -1 for none (the lead: highest quality, then newest, then smallest id; see leadOf). */
  leadQuality = new Float64Array(0)
  leadHeat = new Float64Array(0)
  /** Distinct provider domains among the story's cards in the index. */
  outlets = new Int32Array(0)
  /** The story's cards in the index. */
  cards = new Int32Array(0)
  /** Bumped by every update that changed anything. */
  revision = 0

  private index: LibraryIndex | null = null
  private map: StoryMap | null = null
  private generation = -1
  private logged = 0
  private readonly domains: string[] = []

  /** Brings the table in step with `index` and `map`: patched where both were patched, else built again. */
  update(index: LibraryIndex, map: StoryMap): void {
    if (index === this.index && map === this.map && map.generation === this.generation && map.log.length === this.logged) return
    this.revision++
    const previous = this.index
    if (previous === null || map !== this.map || map.generation !== this.generation || !this.patch(previous, index, map)) this.build(index, map)
  }

  private build(index: LibraryIndex, map: StoryMap): void {
    this.index = index
    this.map = map
    this.generation = map.generation
    this.logged = map.log.length
    this.stories = map.byNumber
    this.storyOf = new Int32Array(index.size).fill(-1)
    this.fit(map.byNumber.length)
    for (const story of map.byNumber) if (story !== undefined) this.placeCards(story)
  }

  /**
   * The index's new, rewritten and dropped cards, then the map's replies
   * since the last update. False when the index was built anew (its
   * positions moved): the caller builds the table again.
   */
  private patch(previous: LibraryIndex, index: LibraryIndex, map: StoryMap): boolean {
    if (index.size < previous.size) return false
    const dirty = new Set<number>()
    if (index !== previous) {
      const { rows: before, removed: removedBefore } = previous
      const { rows: after, removed: removedAfter } = index
      for (let position = 0; position < previous.size; position++) {
        const isRemoved = removedAfter !== null && removedAfter[position] === 1
        if (after[position] === before[position] && isRemoved === (removedBefore !== null && removedBefore[position] === 1)) continue
        if (after[position].id !== before[position].id) return false
        const story = this.storyOf[position]
        if (story !== -1) dirty.add(story)
        if (isRemoved) this.storyOf[position] = -1
      }
      this.storyOf = grown(this.storyOf, index.size, (size) => new Int32Array(size).fill(-1))
    }
    this.index = index
    this.fit(map.byNumber.length)
    for (let at = this.logged; at < map.log.length; at++) {
      const change = map.log[at]
      for (const story of change.removed) {
        for (const id of story.ids) {
          const position = index.indexById.get(id)
          if (position !== undefined && this.storyOf[position] === story.number) this.storyOf[position] = -1
        }
        this.cards[story.number] = 0
        dirty.delete(story.number)
      }
      for (const story of change.added) dirty.add(story.number)
    }
    this.logged = map.log.length
    // Cards new to the index whose story the map already held.
    for (let position = previous.size; position < index.size; position++) {
      const story = map.storyOfCard.get(index.rows[position].id)
      if (story !== undefined) dirty.add(story.number)
    }
    for (const number of dirty) {
      const story = map.byNumber[number]
      if (story !== undefined) this.placeCards(story)
    }
    return true
  }

  /** Room in the per-story arrays for `count` story numbers. */
  private fit(count: number): void {
    this.first = grown(this.first, count, (n) => new Float64Array(n))
    this.latest = grown(this.latest, count, (n) => new Float64Array(n))
    this.leadQuality = grown(this.leadQuality, count, (n) => new Float64Array(n))
    this.leadHeat = grown(this.leadHeat, count, (n) => new Float64Array(n))
    this.outlets = grown(this.outlets, count, (n) => new Int32Array(n))
    this.cards = grown(this.cards, count, (n) => new Int32Array(n))
  }

  /** Points the positions of the story's cards at it and works out its facts over them. */
  private placeCards(story: MappedStory): void {
    const index = this.index!
    const { indexById, removed, publishedAt } = index
    const number = story.number
    const domains = this.domains
    let firstAt = Infinity
    let latestAt = -Infinity
    let lead = -1
    domains.length = 0
    for (const id of story.ids) {
      const position = indexById.get(id)
      if (position === undefined || (removed !== null && removed[position] === 1)) continue
      this.storyOf[position] = number
      const time = publishedAt[position]
      if (time < firstAt) firstAt = time
      if (time > latestAt) latestAt = time
      if (lead === -1 || leadsBefore(index, position, lead)) lead = position
      domains.push(index.domainOf[position])
    }
    this.first[number] = firstAt === Infinity ? NaN : firstAt
    this.latest[number] = latestAt === -Infinity ? NaN : latestAt
    this.leadQuality[number] = lead === -1 ? -1 : orMinusOne(index.quality[lead])
    this.leadHeat[number] = lead === -1 ? -1 : orMinusOne(index.heat[lead])
    this.outlets[number] = distinctDomains(domains)
    this.cards[number] = domains.length
  }
}

/** A table built for `index` and `map` from scratch. */
export function storyTableOf(index: LibraryIndex, map: StoryMap): StoryTable {
  const table = new StoryTable()
  table.update(index, map)
  return table
}
