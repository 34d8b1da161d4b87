import type { ImageCacheStatus, ImageState } from '../../../shared/contract'
import { CardSlots, type SlotRun } from './card-slots'
import { ranksBefore, type PriorityClass } from './download-queue'
import type { ImageEntry } from './image-index'

/** The images one card names, by their slot in the index: its own first, then related images and logos. */
export interface TrackedCard {
  slots: number[]
  /** How many of `slots` are the card's own images (the rest download at a lower priority). */
  ownCount: number
  /** Orders the card's downloads, newest first; 0 when the card has no date. */
  publishedAtMs: number
}

/** A card as kept: its slots are a run in the tracking's pool. */
interface StoredCard extends SlotRun {
  ownCount: number
  publishedAtMs: number
}

export interface TrackedRef {
  /** Best priority among the cards that name the image. */
  priority: PriorityClass
  order: number
}

/** What the renderer and the status see: an evicted image is simply not here yet. */
export function reportedState(entry: ImageEntry): ImageState {
  return entry.state === 'cached' ? 'cached' : entry.state === 'failed' ? 'failed' : 'pending'
}

/**
 * The images of the folder being read: which cards name which images (by cache key), how many
 * cards name each (kept on the index entries themselves, so one tracking per index at a time:
 * whoever starts a new one clears them, see EntryStore.clearRefs), and running counts by state so
 * `status()` is O(1) with 300k images.
 */
export class FolderTracking {
  private readonly cardImages = new Map<string, StoredCard>()
  private readonly pool = new CardSlots()
  private readonly counts: Record<ImageState, number> = { cached: 0, failed: 0, pending: 0 }
  /** Goes up with every change of the cards, so a saver knows whether what it wrote is current. */
  revision = 0
  /** The cards set or removed since the saver last took them (see takeChanged): it appends only those. */
  private changedIds = new Set<string>()

  constructor(readonly folder: string | null = null) {}

  get cardCount(): number {
    return this.cardImages.size
  }

  has(entry: ImageEntry): boolean {
    return entry.refs > 0
  }

  refOf(entry: ImageEntry): TrackedRef | undefined {
    return this.has(entry) ? { priority: entry.refPriority as PriorityClass, order: entry.refOrder } : undefined
  }

  /** Counts one more card naming the image; true when the folder did not name it before. */
  ref(entry: ImageEntry, priority: PriorityClass, order: number): boolean {
    if (this.has(entry)) {
      entry.refs++
      if (ranksBefore(priority, order, entry.refPriority as PriorityClass, entry.refOrder)) {
        entry.refPriority = priority
        entry.refOrder = order
      }
      return false
    }
    entry.refs = 1
    entry.refPriority = priority
    entry.refOrder = order
    this.counts[reportedState(entry)]++
    return true
  }

  /** Replaces the images a card names (each already counted by `ref`), releasing those it named before. */
  setCard(cardId: string, card: TrackedCard, entryOf: (slot: number) => ImageEntry | undefined): void {
    const previous = this.cardImages.get(cardId)
    const { start, count } = this.pool.add(card.slots)
    this.cardImages.set(cardId, { start, count, ownCount: card.ownCount, publishedAtMs: card.publishedAtMs })
    this.revision++
    if (this.folder !== null) this.changedIds.add(cardId)
    if (previous) this.release(previous, entryOf)
  }

  removeCard(cardId: string, entryOf: (slot: number) => ImageEntry | undefined): void {
    const previous = this.cardImages.get(cardId)
    if (!previous) return
    this.cardImages.delete(cardId)
    this.revision++
    if (this.folder !== null) this.changedIds.add(cardId)
    this.release(previous, entryOf)
  }

  hasCard(cardId: string): boolean {
    return this.cardImages.has(cardId)
  }

  /** The ids of the cards set or removed since the last call, and forgets them. */
  takeChanged(): Set<string> {
    const changed = this.changedIds
    this.changedIds = new Set()
    return changed
  }

  /** Each of `ids` with its slots (made as it comes), or null for a card no longer tracked. */
  *cardsOf(ids: Iterable<string>): IterableIterator<[string, TrackedCard | null]> {
    for (const id of ids) {
      const card = this.cardImages.get(id)
      yield [id, card ? { slots: this.pool.slotsOf(card), ownCount: card.ownCount, publishedAtMs: card.publishedAtMs } : null]
    }
  }

  /** Each card with its slots in an array of its own (made as it comes). */
  *cards(): IterableIterator<[string, TrackedCard]> {
    for (const [id, card] of this.cardImages) yield [id, { slots: this.pool.slotsOf(card), ownCount: card.ownCount, publishedAtMs: card.publishedAtMs }]
  }

  /** Keeps the counts right when a tracked image changes state. */
  moved(entry: ImageEntry, from: ImageState, to: ImageState): void {
    if (from === to || !this.has(entry)) return
    this.counts[from]--
    this.counts[to]++
  }

  status(): ImageCacheStatus {
    const { cached, failed, pending } = this.counts
    return { folder: this.folder, total: cached + failed + pending, cached, failed, pending }
  }

  /** Lets go of a card no longer in the map: its images' counts, then its run in the pool. */
  private release(card: StoredCard, entryOf: (slot: number) => ImageEntry | undefined): void {
    this.unref(card, entryOf)
    this.pool.release(card)
    if (this.pool.wasteful) this.pool.compact(this.cardImages.values())
  }

  private unref(card: StoredCard, entryOf: (slot: number) => ImageEntry | undefined): void {
    for (let i = 0; i < card.count; i++) {
      const entry = entryOf(this.pool.get(card, i))
      if (!entry || !this.has(entry)) continue
      if (--entry.refs > 0) continue
      this.counts[reportedState(entry)]--
    }
  }
}
