// A sync goes no faster than the page saves what it is sent. Waiting until an event's bytes have left
// the host (the event hub's drain) is not enough: the page takes a batch in long before IndexedDB holds
// it, and at 100k it held every batch it could not save yet in memory (1.4 GB of JS heap, and a save
// rate that fell with it). The page says which batches it has saved (the `savedUpTo` call) and a sync
// waits while too many cards it sent are not saved yet.
import type { TidingsEvent } from '../../../shared/contract'

/**
 * Cards sent and not yet saved before a sync waits: a few seconds of saving, so the page's writes never
 * wait on the host, and ~50 MB of cards at most in the page's heap (a real card's detail is ~20 KB of JSON).
 */
export const UNSAVED_CARDS_MAX = 800

/**
 * Longest a sync waits without any word from the page. A page that does not answer (closed, frozen in the
 * background, or one that never saves) must not stall the sync for good: the sync then stops waiting
 * until the page speaks again.
 */
export const SILENT_PAGE_MS = 10_000

export interface PageBacklog {
  /** Notes a batch event as sent to the page (other events are ignored). */
  sent(event: TidingsEvent): void
  /** The page's word: every batch up to `seq` is saved (or dropped) there. */
  savedUpTo(seq: number): void
  /** Cards sent and not yet confirmed saved. */
  unsavedCards(): number
  /** Resolves once the page's unsaved cards are at most `maxUnsaved`, or the page went silent. */
  drained(): Promise<void>
}

export function createPageBacklog(maxUnsaved = UNSAVED_CARDS_MAX, silentMs = SILENT_PAGE_MS): PageBacklog {
  /** Batches sent, in seq order, with their card counts. */
  const unsaved: Array<{ seq: number; cards: number }> = []
  let unsavedCards = 0
  /** Whether the page confirms its saves: until it first does (and after it went silent) nothing waits. */
  let listening = false
  const waiters = new Set<() => void>()

  const wake = (): void => {
    for (const waiter of [...waiters]) waiter()
  }

  return {
    sent(event) {
      if (event.type !== 'batch') return
      const cards = event.batch.upsert.length + event.batch.remove.length
      unsaved.push({ seq: event.batch.seq, cards })
      unsavedCards += cards
    },
    savedUpTo(seq) {
      listening = true
      let dropped = 0
      while (dropped < unsaved.length && unsaved[dropped].seq <= seq) unsavedCards -= unsaved[dropped++].cards
      unsaved.splice(0, dropped)
      wake()
    },
    unsavedCards: () => unsavedCards,
    drained() {
      if (!listening || unsavedCards <= maxUnsaved) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const silence = (): ReturnType<typeof setTimeout> => {
          const timer = setTimeout(silent, silentMs)
          timer.unref?.()
          return timer
        }
        let timer = silence()
        const waiter = (): void => {
          if (unsavedCards <= maxUnsaved) return finish()
          // The page spoke: it is saving, only slowly. Wait on.
          clearTimeout(timer)
          timer = silence()
        }
        function silent(): void {
          listening = false
          finish()
        }
        function finish(): void {
          clearTimeout(timer)
          waiters.delete(waiter)
          resolve()
        }
        waiters.add(waiter)
      })
    }
  }
}
