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

  /** Forgets the order; `nextSeq` when known, else the next batch to arrive sets it. */
  reset(nextSeq: number | null = null): void {
    this.expected = nextSeq
    this.waiting.clear()
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
    return { ready, outOfOrder: false }
  }
}
