// A server-sent event's bytes. A sync's batch is mostly its cards' packed copies (base64, ~70 per batch): made
// one string with the rest of the event, it became a two-byte string as soon as any card held a character
// beyond Latin-1 (a curly quote will do), and Node encoded its ~500 KB at ~100 MB/s, a second of the host's
// thread per 10k cards. Here the packed strings are copied into the frame as they are (ASCII), and only the
// rest of the event goes through JSON.stringify: the page parses the same event either way. Every frame is ASCII
// (see ascii-json.ts): characters beyond it travel as JSON escapes.
import type { LibraryBatch, TidingsEvent } from '../../shared/contract'
import { asciiJsonBytes } from './ascii-json'

const COMMA = 0x2c
const QUOTE = 0x22

/** The event as one `data:` frame of the event stream. */
export function eventFrame(event: TidingsEvent): Buffer {
  if (event.type === 'batch' && event.batch.packed !== undefined && event.batch.packed.length > 0) return batchFrame(event.batch)
  return asciiJsonBytes(`data: ${JSON.stringify(event)}\n\n`)
}

/**
 * A batch event's frame with its packed copies copied in apart, unescaped: they are base64 (packCard makes them),
 * which JSON never escapes. Checking each with a regular expression cost more than the copy.
 */
function batchFrame(batch: LibraryBatch): Buffer {
  const { packed = [], ...rest } = batch
  // `packed` goes last: the rest's JSON, less its two closing braces, is the head of the frame.
  const head = asciiJsonBytes(`data: ${JSON.stringify({ type: 'batch', batch: rest }).slice(0, -2)},"packed":[`)
  const tail = ']}}\n\n'
  let size = head.length + tail.length
  for (const text of packed) size += text.length + 3
  const frame = Buffer.allocUnsafe(size)
  let at = head.copy(frame)
  packed.forEach((text, index) => {
    if (index > 0) frame[at++] = COMMA
    frame[at++] = QUOTE
    at += frame.write(text, at, 'latin1')
    frame[at++] = QUOTE
  })
  at += frame.write(tail, at, 'latin1')
  return frame.subarray(0, at)
}
