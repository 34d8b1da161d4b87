// The reading pane's card, from wherever it is right now. A card a batch
// brought (written to IndexedDB or not) or one opened a moment ago answers
// from memory at once. Otherwise IndexedDB and the host are asked together:
// IndexedDB's copy shows first when it comes first, the host's copy (read from
// the file just now) replaces it, and only the host can say "removed". Neither
// read is a live query, so a sync's bulk writes never re-run it, and the host
// reads the file beside its sync, so opening a card never waits for one.
import type { Card } from '../../../shared/card'
import type { CardLookup, LibraryBatch } from '../../../shared/contract'
import { cardOfStored, storedDetailOf, type StoredDetail } from './stored-detail'

export type CardDetailState =
  | { id: string; state: 'loading' }
  | { id: string; state: 'found'; card: Card }
  | { id: string; state: 'removed' }
  | { id: string; state: 'failed'; message: string }

/**
 * What the reading pane shows for a card's state: the card, undefined while it loads (or failed to load), null
 * only when the host said its file is gone. No state at all (the folder not known yet, as while the page lists
 * the host's first cards before its folder is set) is loading, never "removed".
 */
export function paneCard(detail: CardDetailState | null | undefined): Card | null | undefined {
  if (!detail) return undefined
  if (detail.state === 'removed') return null
  return detail.state === 'found' ? detail.card : undefined
}

export interface CardDetailSources {
  /** The newest received card not yet in IndexedDB, as it will be stored (null: removed); undefined when IndexedDB is current. */
  unwritten(folder: string, id: string): StoredDetail | null | undefined
  /** The file the screen's row names, a hint for the host. */
  pathOf(folder: string, id: string): string | undefined
  readStored(folder: string, id: string): Promise<Card | undefined>
  lookup(folder: string, id: string, path: string | undefined): Promise<CardLookup>
}

type Source = 'none' | 'stored' | 'host' | 'batch'

interface Entry {
  snapshot: CardDetailState
  source: Source
  listeners: Set<() => void>
  /** Bumped by every batch touching the card: a read started before it drops its answer. */
  generation: number
  loading: boolean
  /** An IndexedDB-only read for the cards on screen is running. */
  prefetching: boolean
  /** The host was asked since the card was last read from IndexedDB only. */
  hostAsked: boolean
  /** A batch's packed copy is being inflated: it is the newest word on the card, so nothing else is read meanwhile. */
  unpacking: boolean
}

/** Cards kept after the pane moves on, so stepping back and forth answers from memory. */
const KEPT_UNWATCHED = 32

const keyOf = (folder: string, id: string): string => `${folder}\u0000${id}`
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export class CardDetails {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly sources: CardDetailSources) {}

  /** The card's state as the pane should show it; a stable object until it changes. */
  get(folder: string, id: string): CardDetailState {
    return this.entry(folder, id).snapshot
  }

  /** Watches one card; the first watcher of a card not in memory starts the reads. */
  subscribe(folder: string, id: string, listener: () => void): () => void {
    const entry = this.entry(folder, id)
    entry.listeners.add(listener)
    // A copy read ahead from IndexedDB shows at once; the host is still asked for the file as it is now.
    const unconfirmed = entry.snapshot.state === 'loading' || entry.snapshot.state === 'failed' || (entry.source === 'stored' && !entry.hostAsked)
    if (!entry.loading && !entry.unpacking && unconfirmed) this.load(folder, id, entry)
    return () => {
      entry.listeners.delete(listener)
      this.evict()
    }
  }

  /**
   * Reads the cards on screen into memory ahead of a click, from IndexedDB only (no file reads on the host):
   * during a sync an IndexedDB read waits behind the writes in flight, which a click must not. They are kept
   * in memory until the returned function is called.
   */
  prefetch(folder: string, ids: Iterable<string>): () => void {
    const keep = (): void => {}
    const kept: Entry[] = []
    for (const id of ids) {
      const entry = this.entry(folder, id)
      entry.listeners.add(keep)
      kept.push(entry)
      if (entry.snapshot.state === 'loading' && !entry.loading && !entry.prefetching) this.readAhead(folder, id, entry)
    }
    return () => {
      for (const entry of kept) entry.listeners.delete(keep)
      this.evict()
    }
  }

  private readAhead(folder: string, id: string, entry: Entry): void {
    entry.prefetching = true
    const generation = entry.generation
    this.sources.readStored(folder, id).then(
      (card) => {
        entry.prefetching = false
        const current = entry.generation === generation && this.entries.get(keyOf(folder, id)) === entry
        if (card && current && entry.source === 'none') this.set(entry, { id, state: 'found', card }, 'stored')
      },
      () => {
        entry.prefetching = false
      }
    )
  }

  /** Batches for a folder, as received: they are the newest word on the cards they touch. */
  accept(folder: string, batches: readonly LibraryBatch[]): void {
    if (this.entries.size === 0) return
    for (const batch of batches) {
      for (const id of batch.remove) {
        const entry = this.entries.get(keyOf(folder, id))
        if (entry) this.fromBatch(folder, id, entry, null)
      }
      batch.upsert.forEach((card, index) => {
        const entry = this.entries.get(keyOf(folder, card.id))
        if (entry) this.fromBatch(folder, card.id, entry, storedDetailOf(card, batch.packed?.[index]))
      })
    }
  }

  /**
   * A batch's word on a card: removed, complete, or packed (a batch summarises a packed card's related items),
   * which is inflated first; until then the pane keeps what it showed of this card.
   */
  private fromBatch(folder: string, id: string, entry: Entry, detail: StoredDetail | null): void {
    entry.generation++
    entry.unpacking = false
    if (detail === null) return this.set(entry, { id, state: 'removed' }, 'batch')
    if (!(detail instanceof Uint8Array)) return this.set(entry, { id, state: 'found', card: detail }, 'batch')
    entry.source = 'batch'
    entry.unpacking = true
    const generation = entry.generation
    const current = (): boolean => entry.generation === generation && this.entries.get(keyOf(folder, id)) === entry
    cardOfStored(detail).then(
      (card) => {
        if (!current()) return
        entry.unpacking = false
        if (card) this.set(entry, { id, state: 'found', card }, 'batch')
      },
      () => {
        if (!current()) return
        // Bytes that do not inflate: the card is read the usual way (IndexedDB and the host).
        entry.unpacking = false
        entry.source = 'none'
        if (entry.listeners.size > 0 && !entry.loading) this.load(folder, id, entry)
      }
    )
  }

  private entry(folder: string, id: string): Entry {
    const key = keyOf(folder, id)
    const known = this.entries.get(key)
    if (known) {
      // Most recently used last, for eviction.
      this.entries.delete(key)
      this.entries.set(key, known)
      return known
    }
    const entry: Entry = {
      snapshot: { id, state: 'loading' },
      source: 'none',
      listeners: new Set(),
      generation: 0,
      loading: false,
      prefetching: false,
      hostAsked: false,
      unpacking: false
    }
    this.entries.set(key, entry)
    const unwritten = this.sources.unwritten(folder, id)
    if (unwritten !== undefined) this.fromBatch(folder, id, entry, unwritten)
    this.evict()
    return entry
  }

  private load(folder: string, id: string, entry: Entry): void {
    entry.loading = true
    entry.hostAsked = true
    const generation = entry.generation
    const current = (): boolean => entry.generation === generation && this.entries.get(keyOf(folder, id)) === entry
    const stored = this.sources.readStored(folder, id).then(
      (card) => {
        // The host's copy is newer than IndexedDB's: never replaced by it.
        if (card && current() && entry.source === 'none') this.set(entry, { id, state: 'found', card }, 'stored')
        return card
      },
      () => undefined
    )
    const host = this.sources.lookup(folder, id, this.sources.pathOf(folder, id)).then(
      (answer): CardLookup => {
        if (!current()) return answer
        if (answer.state === 'found') this.set(entry, { id, state: 'found', card: answer.card }, 'host')
        else if (answer.state === 'removed') this.set(entry, { id, state: 'removed' }, 'host')
        return answer
      },
      (error: unknown): CardLookup => ({ state: 'unknown', reason: messageOf(error) })
    )
    void Promise.all([stored, host]).then(([, answer]) => {
      entry.loading = false
      if (!current() || entry.snapshot.state !== 'loading') return
      const reason = answer.state === 'unknown' ? answer.reason : 'no answer'
      this.set(entry, { id, state: 'failed', message: `This card could not be loaded (${reason}).` }, 'none')
    })
  }

  private set(entry: Entry, snapshot: CardDetailState, source: Source): void {
    entry.snapshot = snapshot
    entry.source = source
    for (const listener of [...entry.listeners]) listener()
  }

  private evict(): void {
    let unwatched = 0
    for (const entry of this.entries.values()) if (entry.listeners.size === 0) unwatched++
    for (const [key, entry] of this.entries) {
      if (unwatched <= KEPT_UNWATCHED) return
      if (entry.listeners.size > 0) continue
      this.entries.delete(key)
      unwatched--
    }
  }
}
