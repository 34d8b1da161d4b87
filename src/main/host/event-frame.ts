// An event as one server-sent-events frame, in UTF-8 bytes. A batch event is serialised card by card
// into one buffer: as one JSON string, a ~1 MB batch of two-byte text made two strings of ~2 MB each
// (the JSON and the frame around it) in V8's large-object space, which only a full collection frees,
// so a sync's 10k cards left hundreds of MB of them for the heap to grow around. Each card's JSON is
// small enough to die young, and the frame's bytes live outside the heap until the socket takes them.
import type { TidingsEvent } from '../../shared/contract'

const utf8 = new TextEncoder()
const UPSERT_MARK = '"upsert":[]'
/** UTF-8 takes at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3

/** `data: JSON\n\n` for the event; the JSON is exactly JSON.stringify(event). Throws what JSON.stringify throws. */
export function eventFrame(event: TidingsEvent): Uint8Array {
  if (event.type !== 'batch' || event.batch.upsert.length === 0) return utf8.encode(`data: ${JSON.stringify(event)}\n\n`)
  const cards = event.batch.upsert.map((card) => JSON.stringify(card))
  // The event without its cards: every other field of a batch (paths, codes, messages, ids) is data, never a key
  // named upsert, and quotes inside strings are escaped, so the first mark is where the cards go.
  const skeleton = JSON.stringify({ ...event, batch: { ...event.batch, upsert: [] } })
  const at = skeleton.indexOf(UPSERT_MARK) + UPSERT_MARK.length - 1
  const head = `data: ${skeleton.slice(0, at)}`
  const tail = `${skeleton.slice(at)}\n\n`
  let units = head.length + tail.length + cards.length
  for (const card of cards) units += card.length
  const frame = Buffer.allocUnsafeSlow(units * MAX_BYTES_PER_UNIT)
  let filled = utf8.encodeInto(head, frame).written
  cards.forEach((card, i) => {
    if (i > 0) frame[filled++] = 0x2c // ','
    filled += utf8.encodeInto(card, frame.subarray(filled)).written
  })
  filled += utf8.encodeInto(tail, frame.subarray(filled)).written
  return frame.subarray(0, filled)
}
