// Stories: cards that tell one event, found by TF-IDF cosine between cards
// published within a few days of each other. Pairs above the threshold are
// edges; each connected group of edges is split by average linkage so a chain
// of weak links never makes one story. A change touches only the groups of
// the card it changes, so the clustering stays up to date card by card and
// always equals a clustering from scratch over the same cards and snapshot.
// Over 300 lines because the posting index, the links and the stories are one
// set of maps that every change updates together; split, each part would need them all.
import { averageLinkage } from './average-linkage'
import { PostingTable } from './posting-table'
import { cosine, TermTable, type IdfSnapshot, type TermBags, type TermVector } from './vectors'

export interface StoryInput {
  id: string
  title: string
  excerpt: string
  publishedAtMs: number | null
}

export interface ClusterOptions {
  /** Cosine at which two cards are linked. */
  threshold: number
  /** Mean cosine at which two groups of linked cards merge into one story (see average-linkage.ts). */
  mergeThreshold: number
  /** Cards further apart in time are never linked. */
  windowMs: number
  /** A story never spans more than this. */
  maxSpanMs: number
  /** Rare terms per card used to find candidates. */
  keysPerCard: number
}

const DAY_MS = 86_400_000
/** Days a posting key leaves room for: 1970 to about 2240. Days outside share the edge buckets (more candidates, same result: times are compared). */
const DAY_SLOTS = 100_000

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.35, mergeThreshold: 0.3, windowMs: 3 * DAY_MS, maxSpanMs: 4 * DAY_MS, keysPerCard: 10 }

interface Entry {
  input: StoryInput
  vector: TermVector
  /** Posting keys: a rare term's number and the card's time bucket. */
  keys: number[]
  /** The card's day, clamped into DAY_SLOTS. */
  day: number
  /** Anchor id of the card's story. */
  story: string
  /** Linked cards and their similarity; null while the card has none. */
  links: Map<Entry, number> | null
  /** The last link or connectedGroup pass that met the card (a stamp: no set per pass). */
  met: number
  /** The last regroup that put the card in a group. */
  grouped: number
}

/** What one change did: stories that went and stories that appeared (by anchor id). */
export interface ClusterChange {
  removed: string[]
  added: string[]
}

/**
 * A story is named by its anchor: the earliest card (then the smallest id),
 * so the name holds while later coverage joins.
 */
const byTimeThenId = (a: StoryInput, b: StoryInput): number =>
  (a.publishedAtMs ?? Infinity) - (b.publishedAtMs ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export class StoryClusters {
  private readonly entries = new Map<string, Entry>()
  // Mostly one or two cards per key: arrays weigh far less than sets at 100k cards.
  private readonly postings = new PostingTable<Entry | Entry[]>()
  private readonly table = new TermTable()
  private readonly members = new Map<string, string[]>()
  private snapshot: IdfSnapshot
  /** Stamps for Entry.met and Entry.grouped. */
  private pass = 0
  readonly options: ClusterOptions
  /** Days either side of a card where a linked card may be. */
  private readonly reach: number
  private readonly bucketDays: number
  /** Buckets per term in a posting key, with one spare on each side. */
  private readonly bucketSlots: number

  constructor(cards: Iterable<StoryInput> = [], options: Partial<ClusterOptions> & { snapshot?: IdfSnapshot } = {}) {
    this.options = { ...DEFAULT_CLUSTER_OPTIONS, ...options }
    this.reach = Math.ceil(this.options.windowMs / DAY_MS)
    this.bucketDays = 2 * this.reach + 1
    this.bucketSlots = Math.ceil(DAY_SLOTS / this.bucketDays) + 2
    const list = [...cards]
    // Counted once: splitting 100k cards' text into words is a third of a first build.
    const bags = this.table.bagsOf(list)
    for (let i = 0; i < list.length; i++) this.table.count(bags, i, 1)
    this.snapshot = options.snapshot ?? this.table.takeSnapshot(list.length)
    this.table.useSnapshot(this.snapshot)
    this.buildAll(list, bags)
  }

  get size(): number {
    return this.entries.size
  }

  get idfSnapshot(): IdfSnapshot {
    return this.snapshot
  }

  /** Card ids of every story, by anchor id; each list sorted oldest first. */
  stories(): ReadonlyMap<string, readonly string[]> {
    return this.members
  }

  storyOf(cardId: string): string | undefined {
    return this.entries.get(cardId)?.story
  }

  membersOf(anchor: string): readonly string[] {
    return this.members.get(anchor) ?? []
  }

  /** Adds or rewrites a card. */
  set(card: StoryInput): ClusterChange {
    const before = this.entries.get(card.id)
    if (before !== undefined && before.input.title === card.title && before.input.excerpt === card.excerpt && before.input.publishedAtMs === card.publishedAtMs) {
      before.input = card
      return { removed: [], added: [] }
    }
    if (before !== undefined) this.table.count(this.table.bagsOf([before.input]), 0, -1)
    const bags = this.table.bagsOf([card])
    this.table.count(bags, 0, 1)
    if (this.snapshotDrifted(this.entries.size + (before === undefined ? 1 : 0))) {
      const all = [...this.entries.values()].map((entry) => entry.input).filter((input) => input.id !== card.id)
      return this.rebuild([...all, card])
    }
    const touched = before === undefined ? new Set<string>() : this.unlink(card.id)
    for (const other of this.link(this.entryOf(card, bags, 0))) touched.add(other.input.id)
    touched.add(card.id)
    return this.regroup(touched)
  }

  delete(cardId: string): ClusterChange {
    const before = this.entries.get(cardId)
    if (before === undefined) return { removed: [], added: [] }
    this.table.count(this.table.bagsOf([before.input]), 0, -1)
    if (this.snapshotDrifted(this.entries.size - 1)) {
      return this.rebuild([...this.entries.values()].map((entry) => entry.input).filter((input) => input.id !== cardId))
    }
    const touched = this.unlink(cardId)
    this.entries.delete(cardId)
    const change = this.regroup(touched)
    // A story anchored on the card went with it; any other story of its group was re-split above.
    if (before.story === cardId && this.members.delete(cardId)) change.removed.push(cardId)
    return change
  }

  private snapshotDrifted(size: number): boolean {
    const was = this.snapshot.cardCount
    return Math.abs(size - was) > 16 + was / 4
  }

  private rebuild(cards: StoryInput[]): ClusterChange {
    const removed = [...this.members.keys()]
    this.entries.clear()
    this.postings.clear()
    this.members.clear()
    this.snapshot = this.table.takeSnapshot(cards.length)
    this.table.useSnapshot(this.snapshot)
    this.buildAll(cards)
    return { removed, added: [...this.members.keys()] }
  }

  private buildAll(cards: StoryInput[], bags = this.table.bagsOf(cards)): void {
    cards.forEach((card, i) => this.link(this.entryOf(card, bags, i)))
    this.regroup(cards.map((card) => card.id))
  }

  private entryOf(card: StoryInput, bags: TermBags, index: number): Entry {
    const { vector, keys } = this.table.weigh(bags, index, this.options.keysPerCard)
    const entry: Entry = {
      input: card,
      vector,
      keys: card.publishedAtMs === null ? [] : keys.map((number) => number * this.bucketSlots),
      day: card.publishedAtMs === null ? 0 : Math.min(DAY_SLOTS - 8, Math.max(7, Math.floor(card.publishedAtMs / DAY_MS))),
      story: card.id,
      links: null,
      met: 0,
      grouped: 0
    }
    this.entries.set(card.id, entry)
    return entry
  }

  /**
   * Indexes the card and links it to every similar card near it in time;
   * returns those cards. Postings hold a bucket of 2 × reach + 1 days, so a
   * card looks in its own bucket and at most one neighbour (the one within
   * reach of its day) instead of one posting per day: most lookups miss, and
   * the few extra cards met are dropped by their time.
   */
  private link(entry: Entry): Entry[] {
    const stamp = ++this.pass
    const linked: Entry[] = []
    const bucket = Math.floor(entry.day / this.bucketDays)
    const offset = entry.day - bucket * this.bucketDays
    const from = offset < this.reach ? bucket - 1 : bucket
    const to = this.bucketDays - 1 - offset < this.reach ? bucket + 1 : bucket
    for (const key of entry.keys) {
      for (let near = from; near <= to; near++) {
        const posting = this.postings.get(key + near + 1)
        if (posting === undefined) continue
        if (Array.isArray(posting)) for (const other of posting) this.compare(entry, other, stamp, linked)
        else this.compare(entry, posting, stamp, linked)
      }
    }
    for (const key of entry.keys) {
      const name = this.postingName(key, entry)
      const posting = this.postings.get(name)
      if (posting === undefined) this.postings.set(name, entry)
      else if (Array.isArray(posting)) posting.push(entry)
      else this.postings.set(name, [posting, entry])
    }
    return linked
  }

  private compare(entry: Entry, other: Entry, stamp: number, linked: Entry[]): void {
    if (other.met === stamp) return
    other.met = stamp
    if (Math.abs(other.input.publishedAtMs! - entry.input.publishedAtMs!) > this.options.windowMs) return
    const similarity = cosine(entry.vector, other.vector)
    if (similarity < this.options.threshold) return
    ;(entry.links ??= new Map()).set(other, similarity)
    ;(other.links ??= new Map()).set(entry, similarity)
    linked.push(other)
  }

  /** A key's posting for the card's own bucket (one up, so the bucket before the first is not another term's). */
  private postingName(key: number, entry: Entry): number {
    return key + Math.floor(entry.day / this.bucketDays) + 1
  }

  /** Drops a card's index entries and links; returns the cards of its old connected group. */
  private unlink(cardId: string): Set<string> {
    const entry = this.entries.get(cardId)!
    const group = new Set(this.connectedGroup(entry).map((member) => member.input.id))
    for (const key of entry.keys) {
      const name = this.postingName(key, entry)
      const posting = this.postings.get(name)
      if (posting === undefined) continue
      if (!Array.isArray(posting)) {
        if (posting === entry) this.postings.delete(name)
        continue
      }
      const at = posting.indexOf(entry)
      if (at >= 0) posting[at] = posting[posting.length - 1]
      if (at >= 0) posting.pop()
      if (posting.length === 0) this.postings.delete(name)
    }
    for (const other of entry.links?.keys() ?? []) other.links!.delete(entry)
    entry.links = null
    group.delete(cardId)
    return group
  }

  private connectedGroup(start: Entry): Entry[] {
    const stamp = ++this.pass
    start.met = stamp
    const group = [start]
    for (let at = 0; at < group.length; at++) {
      for (const next of group[at].links?.keys() ?? []) {
        if (next.met === stamp) continue
        next.met = stamp
        group.push(next)
      }
    }
    return group
  }

  /** Re-splits the connected groups of `touched` into stories. */
  private regroup(touched: Iterable<string>): ClusterChange {
    const change: ClusterChange = { removed: [], added: [] }
    const stamp = ++this.pass
    const groups: Entry[][] = []
    for (const id of touched) {
      const entry = this.entries.get(id)
      if (entry === undefined || entry.grouped === stamp) continue
      // Most cards link to none: a story of one, with no search for its group.
      const group = entry.links === null || entry.links.size === 0 ? [entry] : this.connectedGroup(entry).sort((a, b) => byTimeThenId(a.input, b.input))
      for (const member of group) member.grouped = stamp
      groups.push(group)
    }
    // Every old story goes before any new one is named: a rewritten card may
    // name a new story with the id its old story had.
    for (const cards of groups) {
      for (const card of cards) if (this.members.delete(card.story)) change.removed.push(card.story)
    }
    for (const cards of groups) {
      const stories =
        cards.length === 1
          ? [[0]]
          : averageLinkage(cards.map((card) => ({ timeMs: card.input.publishedAtMs ?? 0 })), (i, j) => cosine(cards[i].vector, cards[j].vector), {
              threshold: this.options.mergeThreshold,
              maxSpanMs: this.options.maxSpanMs
            })
      for (const story of stories) {
        const ids = story.map((i) => cards[i].input.id)
        for (const i of story) cards[i].story = ids[0]
        this.members.set(ids[0], ids)
        change.added.push(ids[0])
      }
    }
    return change
  }
}
