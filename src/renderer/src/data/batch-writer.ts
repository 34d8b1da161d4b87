// Persists batches to IndexedDB behind the in-memory store. Chromium's
// IndexedDB takes a few hundred microseconds per card (one request per record
// and index), so a fresh 100k sync would keep the list waiting for most of a
// minute if the screen followed the disk writes; the screen follows the
// batches instead and the writes catch up here, in seq order, per folder.
import type { BatchCard, LibraryBatch } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'
import { applyBatches } from './apply-batch'
import { SerialQueue } from '../../../shared/serial-queue'
import { splitByWeight, writeWeightOf } from './write-pieces'
import { storedDetailOf, type StoredDetail } from './stored-detail'
import { postTask } from '../scheduling/post-task'

/** A card received and not yet in IndexedDB, with its packed copy (see LibraryBatch.packed) when it came with one. */
interface Unwritten {
  card: BatchCard
  packed: string | undefined
}

/**
 * Write weight per transaction (see write-pieces: a card counts 2, plus one per
 * related item). IndexedDB clones every value on the page's thread, so writes
 * are cut small enough that the page gets a turn between them. Each write also
 * waits for such a turn (up to PAGE_TURN_MAX_MS on a busy page) and pays a
 * transaction's fixed costs: at 600 (~23 real cards) a 10k sync saved ~250
 * cards/s; at 1800 (~70 cards, ~20 ms of cloning with the details keyed outside
 * the value) 287 cards/s with less page and IndexedDB CPU. Not smaller: at 250
 * the stories e2e's rewrite waited behind a related-heavy sync for over 5 s.
 */
const WEIGHT_PER_WRITE = 1800

/**
 * Transactions a folder may have started but not yet committed. IndexedDB
 * runs read-write transactions on the same stores in the order they were
 * created, so the next one can be built and sent while the backend commits
 * the last: its queue never waits on a round trip to the page.
 */
const WRITES_IN_FLIGHT = 3

/** Chromium runs a background task only when nothing else is queued and may hold it longer: the turn ends here regardless. */
const PAGE_TURN_MAX_MS = 50

/**
 * A turn for the page before each transaction is built: a background-priority task, so the render a batch or a
 * click started runs before the write clones the next piece on this thread (with a plain timer the first batch's
 * write ran before its rows were drawn), bounded by PAGE_TURN_MAX_MS. Not a frame callback: frames stop in a page
 * that is not being drawn, and writes must not.
 */
const pageTurn = (): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      cancel()
      resolve()
    }
    const timer = setTimeout(done, PAGE_TURN_MAX_MS)
    const cancel = postTask(done, 'background')
  })

const cardsIn = (batches: readonly LibraryBatch[]): number => batches.reduce((sum, batch) => sum + batch.upsert.length + batch.remove.length, 0)

export class BatchWriter {
  private readonly queues = new Map<string, SerialQueue>()
  private readonly waiting = new Map<string, LibraryBatch[]>()
  /** Per folder, the newest card not yet in IndexedDB by id (null: removed, not yet deleted there). */
  private readonly unwritten = new Map<string, Map<string, Unwritten | null>>()
  private writing = 0
  /** Per folder, the transactions started and not yet settled. */
  private readonly inFlight = new Map<string, Set<Promise<void>>>()
  /** Batches received and batches written, per folder. */
  private readonly counts = new Map<string, { received: number; written: number }>()
  /** Cards (upserted or removed) received and committed to IndexedDB, per folder: the "saved for offline" count. */
  private readonly cards = new Map<string, { received: number; saved: number }>()
  /** The piece of each batch written last: once it is, the whole batch is. */
  private readonly lastPieces = new WeakSet<LibraryBatch>()

  constructor(
    private readonly db: TidingsDatabase,
    private readonly onError: (folder: string, error: unknown) => void,
    /**
     * Told after every transaction settles (committed or failed), so the status can say how much is saved and
     * the host how far: `savedUpTo` is the seq of the newest batch settled whole (writes settle in seq order).
     */
    private readonly onSaved: (folder: string, savedUpTo: number) => void = () => {}
  ) {}

  /** The folder's queue: reads that must see every write received so far run on it. */
  queue(folder: string): SerialQueue {
    let queue = this.queues.get(folder)
    if (!queue) this.queues.set(folder, (queue = new SerialQueue()))
    return queue
  }

  /** The card's detail as the newest received batch has it, while its write is pending; undefined when none is. */
  unwrittenDetail(folder: string, id: string): StoredDetail | null | undefined {
    const unwritten = this.unwritten.get(folder)?.get(id)
    return unwritten ? storedDetailOf(unwritten.card, unwritten.packed) : unwritten
  }

  /** Ids of the folder's cards received but not yet in IndexedDB (upserted or removed). */
  unwrittenIds(folder: string): Iterable<string> {
    return this.unwritten.get(folder)?.keys() ?? []
  }

  write(folder: string, batches: LibraryBatch[]): void {
    let unwritten = this.unwritten.get(folder)
    if (!unwritten) this.unwritten.set(folder, (unwritten = new Map()))
    for (const batch of batches) {
      for (const id of batch.remove) unwritten.set(id, null)
      batch.upsert.forEach((card, index) => unwritten.set(card.id, { card, packed: batch.packed?.[index] }))
    }
    let waiting = this.waiting.get(folder)
    if (!waiting) this.waiting.set(folder, (waiting = []))
    const pieces = batches.flatMap((batch) => {
      const split = splitByWeight(batch, WEIGHT_PER_WRITE)
      this.lastPieces.add(split[split.length - 1])
      return split
    })
    waiting.push(...pieces)
    this.countsOf(folder).received += pieces.length
    this.cardCountsOf(folder).received += cardsIn(batches)
    // One job per piece: each job writes at least one, so none is left waiting.
    for (let i = 0; i < pieces.length; i++) void this.queue(folder).run(() => this.writeSome(folder))
  }

  /** Resolves when every batch received for the folder is in IndexedDB. */
  idle(folder: string): Promise<void> {
    return this.queue(folder).run(() => this.settled(folder))
  }

  /**
   * Resolves when the folder's started transactions have settled. Jobs on the
   * queue that only read need not wait: IndexedDB starts a transaction created
   * later only after those.
   */
  async settled(folder: string): Promise<void> {
    await Promise.all(this.inFlight.get(folder) ?? [])
  }

  /** How many batches have been received for the folder, and how many taken into a write. */
  countsOf(folder: string): { received: number; written: number } {
    let counts = this.counts.get(folder)
    if (!counts) this.counts.set(folder, (counts = { received: 0, written: 0 }))
    return counts
  }

  /** Cards received for the folder and cards of those committed to IndexedDB (failed writes count as settled). */
  cardCountsOf(folder: string): { received: number; saved: number } {
    let counts = this.cards.get(folder)
    if (!counts) this.cards.set(folder, (counts = { received: 0, saved: 0 }))
    return counts
  }

  get busy(): boolean {
    if (this.writing > 0) return true
    for (const waiting of this.waiting.values()) if (waiting.length > 0) return true
    return false
  }

  private async writeSome(folder: string): Promise<void> {
    const waiting = this.waiting.get(folder) ?? []
    if (waiting.length === 0) return
    const batches: LibraryBatch[] = []
    let weight = 0
    while (waiting.length > 0 && (weight < WEIGHT_PER_WRITE || batches.length === 0)) {
      const piece = waiting.shift()!
      batches.push(piece)
      weight += piece.upsert.reduce((sum, card) => sum + writeWeightOf(card), 0) + piece.remove.length + piece.files.length
    }
    let inFlight = this.inFlight.get(folder)
    if (!inFlight) this.inFlight.set(folder, (inFlight = new Set()))
    while (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight)
    // After the wait for room, which resumes as soon as a transaction commits, ahead of the page's own work.
    await pageTurn()
    this.writing++
    this.countsOf(folder).written += batches.length
    // Started now (the transaction is created in call order), awaited by later jobs only when they must.
    const done: Promise<void> = applyBatches(this.db, folder, batches)
      .then(
        () => undefined,
        (error: unknown) => this.onError(folder, error)
      )
      .finally(() => {
        this.writing--
        inFlight.delete(done)
        this.forgetWritten(folder, batches)
        this.cardCountsOf(folder).saved += cardsIn(batches)
        const last = batches[batches.length - 1]
        this.onSaved(folder, this.lastPieces.has(last) ? last.seq : last.seq - 1)
      })
    inFlight.add(done)
  }

  private forgetWritten(folder: string, batches: readonly LibraryBatch[]): void {
    const unwritten = this.unwritten.get(folder)
    if (!unwritten) return
    for (const batch of batches) {
      for (const id of batch.remove) if (unwritten.get(id) === null) unwritten.delete(id)
      for (const card of batch.upsert) if (unwritten.get(card.id)?.card === card) unwritten.delete(card.id)
    }
  }
}
