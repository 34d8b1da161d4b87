// Batches must be applied in `seq` order: a card rewritten twice must end up
// as the second version. Events normally arrive in order; this holds back the
// ones that overtake a missing predecessor.
import type { LibraryBatch } from '../../../shared/contract'

export interface SequencedBatches {
  /** Batches to apply now, in order. */
  ready: LibraryBatch[]
  /** A batch came that can no longer be applied in order (older than one already applied). */
  outOfOrder: boolean
}

export class BatchSequencer {
  private expected: number | null = null
  private readonly waiting = new Map<number, LibraryBatch>()
  private readonly watchers: { seq: number; resolve: (taken: boolean) => void }[] = []

  /** Forgets the order; `nextSeq` when known, else the next batch to arrive sets it. */
  reset(nextSeq: number | null = null): void {
    this.expected = nextSeq
    this.waiting.clear()
    for (const watcher of this.watchers.splice(0)) watcher.resolve(false)
  }

  /** The seq of the next batch to hand on; null until a batch sets the order. */
  get next(): number | null {
    return this.expected
  }

  /** Resolves true once every batch through `seq` has been handed on, or false when the order is reset first. */
  through(seq: number): Promise<boolean> {
    if (this.expected !== null && this.expected > seq) return Promise.resolve(true)
    return new Promise((resolve) => this.watchers.push({ seq, resolve }))
  }

  /** True while a batch is held back waiting for a missing one. */
  get hasGap(): boolean {
    return this.waiting.size > 0
  }

  push(batch: LibraryBatch): SequencedBatches {
    this.expected ??= batch.seq
    if (batch.seq < this.expected) return { ready: [], outOfOrder: true }
    this.waiting.set(batch.seq, batch)
    const ready: LibraryBatch[] = []
    for (let next = this.waiting.get(this.expected); next; next = this.waiting.get(this.expected)) {
      this.waiting.delete(this.expected)
      ready.push(next)
      this.expected++
    }
    if (ready.length > 0) this.wakeWatchers(this.expected)
    return { ready, outOfOrder: false }
  }

  private wakeWatchers(expected: number): void {
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      const watcher = this.watchers[i]
      if (watcher.seq >= expected) continue
      this.watchers.splice(i, 1)
      watcher.resolve(true)
    }
  }
}
