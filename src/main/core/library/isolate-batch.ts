// A batch goes to the page whole (serialised by the browser host, or cloned by Electron's IPC).
// When that fails (one card too big to serialise), the batch is sent again in halves, down to a
// single card, and a card that cannot be sent even alone is replaced by an error for its files:
// one card's output never costs another card theirs.
import type { CardError } from '../../../shared/card'
import type { BatchCard, LibraryBatch } from '../../../shared/contract'

/**
 * Sends `batch`; on failure, its parts. The first part keeps the batch's seq (it was never
 * delivered) and each later part takes the next one, so the page still sees one gapless,
 * increasing sequence. Throws only when even a batch with no card cannot be sent.
 */
export function sendIsolated(batch: LibraryBatch, send: (batch: LibraryBatch) => void, nextSeq: () => number): void {
  let failure: unknown
  try {
    send(batch)
    return
  } catch (error) {
    if (batch.upsert.length === 0) throw error
    failure = error
  }
  if (batch.upsert.length === 1) return send(withoutCard(batch, batch.upsert[0], failure))
  const [first, second] = halves(batch)
  sendIsolated(first, send, nextSeq)
  second.seq = nextSeq()
  sendIsolated(second, send, nextSeq)
}

/** Cards split in two; each file entry travels with its card; removals and errors ride in the first. */
function halves(batch: LibraryBatch): [LibraryBatch, LibraryBatch] {
  const middle = Math.ceil(batch.upsert.length / 2)
  const laterIds = new Set(batch.upsert.slice(middle).map((card) => card.id))
  const first: LibraryBatch = { ...batch, upsert: batch.upsert.slice(0, middle), packed: batch.packed?.slice(0, middle), files: batch.files.filter((entry) => entry.id === null || !laterIds.has(entry.id)) }
  const second: LibraryBatch = {
    folder: batch.folder,
    seq: 0,
    upsert: batch.upsert.slice(middle),
    packed: batch.packed?.slice(middle),
    remove: [],
    files: batch.files.filter((entry) => entry.id !== null && laterIds.has(entry.id)),
    removedFiles: [],
    errors: [],
    clearedErrors: []
  }
  return [first, second]
}

/** The batch with `card` left out: its files are recorded as errors, so the page shows why. */
function withoutCard(batch: LibraryBatch, card: BatchCard, failure: unknown): LibraryBatch {
  const reason = failure instanceof Error ? failure.message : String(failure)
  const paths = batch.files.filter((entry) => entry.id === card.id).map((entry) => entry.path)
  if (paths.length === 0) paths.push(card.path)
  const errors: CardError[] = paths.map((path) => ({ path, code: 'too-large', message: `the card is too big to send to the page (${reason.slice(0, 200)})` }))
  return {
    ...batch,
    upsert: [],
    packed: [],
    files: batch.files.map((entry) => (entry.id === card.id ? { ...entry, id: null, publishedAtMs: null } : entry)),
    errors: [...batch.errors.filter((error) => !paths.includes(error.path)), ...errors],
    clearedErrors: batch.clearedErrors.filter((path) => !paths.includes(path))
  }
}
