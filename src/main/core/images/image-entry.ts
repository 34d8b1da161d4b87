import { MAX_ATTEMPTS, type EntryState, type EntryStore } from './entry-store'
import type { FailureReason } from './retry-policy'

const unset = (value: number): number | undefined => (Number.isNaN(value) ? undefined : value)
const orNaN = (value: number | undefined): number => (value === undefined ? NaN : value)

/**
 * One image's record, read and written through to the index's columns (see EntryStore). A view is
 * made when asked for and holds nothing but its slot, so the index keeps no object per image.
 * `evicted` is `pending` to everyone outside: the file went to make room, and it comes back
 * only when someone asks for it (so a full cache never churns).
 */
export class ImageEntry {
  constructor(
    private readonly store: EntryStore,
    readonly slot: number
  ) {}

  get hash(): string {
    return this.store.hashOf(this.slot)
  }
  /** Empty when the file was found on disk before anyone named its URL. */
  get url(): string {
    return this.store.urlOf(this.slot)
  }
  get state(): EntryState {
    return this.store.stateOf(this.slot)
  }
  set state(state: EntryState) {
    this.store.setState(this.slot, state)
  }
  /** cached: the sniffed type and the file's size. */
  get mime(): string | undefined {
    return this.store.mimeOf(this.slot)
  }
  set mime(mime: string | undefined) {
    this.store.setMime(this.slot, mime)
  }
  get size(): number | undefined {
    return unset(this.store.size.get(this.slot))
  }
  set size(size: number | undefined) {
    this.store.size.set(this.slot, orNaN(size))
  }
  /** Last time the image was asked for or stored; least recent goes first when the cache is full. */
  get lastUsed(): number | undefined {
    return unset(this.store.lastUsed.get(this.slot))
  }
  set lastUsed(at: number | undefined) {
    this.store.lastUsed.set(this.slot, orNaN(at))
  }
  /** failed: why, in a stable code and in words. */
  get reason(): FailureReason | undefined {
    return this.store.reasonOf(this.slot)
  }
  set reason(reason: FailureReason | undefined) {
    this.store.setReason(this.slot, reason)
  }
  get detail(): string | undefined {
    return this.store.detailOf(this.slot)
  }
  set detail(detail: string | undefined) {
    this.store.setDetail(this.slot, detail)
  }
  /** failed: not tried again before this time (epoch ms). */
  get retryAt(): number | undefined {
    return unset(this.store.retryAt.get(this.slot))
  }
  set retryAt(at: number | undefined) {
    this.store.retryAt.set(this.slot, orNaN(at))
  }
  /** Consecutive failed attempts, up to MAX_ATTEMPTS. */
  get attempts(): number {
    return this.store.attempts.get(this.slot)
  }
  set attempts(attempts: number) {
    this.store.attempts.set(this.slot, Math.min(attempts, MAX_ATTEMPTS))
  }
  /** An image of a starred card: never evicted. */
  get pinned(): boolean {
    return this.store.pinned.get(this.slot) === 1
  }
  set pinned(pinned: boolean) {
    this.store.pinned.set(this.slot, pinned ? 1 : 0)
  }
  /**
   * The tracked folder's bookkeeping (see FolderTracking): how many of its cards name the image, and
   * the best priority among them (valid while refs > 0). A new tracking starts from cleared counts.
   */
  get refs(): number {
    return this.store.refs.get(this.slot)
  }
  set refs(refs: number) {
    this.store.refs.set(this.slot, refs)
  }
  get refPriority(): number {
    return this.store.refPriority.get(this.slot)
  }
  set refPriority(priority: number) {
    this.store.refPriority.set(this.slot, priority)
  }
  get refOrder(): number {
    return this.store.refOrder.get(this.slot)
  }
  set refOrder(order: number) {
    this.store.refOrder.set(this.slot, order)
  }
}

/** The fields setState may change at once. */
export type EntryFields = Partial<Pick<ImageEntry, 'mime' | 'size' | 'lastUsed' | 'reason' | 'detail' | 'retryAt' | 'attempts'>>

