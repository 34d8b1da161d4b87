// JSON as bytes that are all ASCII: every character beyond it written as a \uXXXX escape. The page decodes the
// event stream with TextDecoderStream, and Chromium turns a chunk holding any byte beyond ASCII into a two-byte
// string the slow way: the same 200 MB of sync frames cost the page's thread 6-7 s of long tasks with a curly
// quote in most frames and 0.4-0.7 s with the quotes escaped (a page reading a stream of them, then parsing
// each event). Escaping the UTF-8 bytes costs the host ~15 ms per 1,000 cards; a regular expression over the
// string cost five times that.

const BACKSLASH = 0x5c
const LETTER_U = 0x75
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1')

/** Bytes a UTF-8 sequence adds once escaped: 6 per UTF-16 code unit, less the sequence's own length. */
function extraBytes(utf8: Uint8Array): number {
  let extra = 0
  for (let i = 0; i < utf8.length; i++) {
    const byte = utf8[i]
    if (byte < 0x80) continue
    if (byte >= 0xf0) {
      extra += 12 - 4
      i += 3
    } else if (byte >= 0xe0) {
      extra += 6 - 3
      i += 2
    } else {
      extra += 6 - 2
      i += 1
    }
  }
  return extra
}

/**
 * `json` (JSON text, where a character beyond ASCII can only stand inside a string) as UTF-8 bytes with each such
 * character escaped, so the bytes are ASCII and parse to the same value. Node's UTF-8 is always well formed.
 */
export function asciiJsonBytes(json: string): Buffer {
  const utf8 = Buffer.from(json)
  const extra = extraBytes(utf8)
  if (extra === 0) return utf8
  const out = Buffer.allocUnsafe(utf8.length + extra)
  let at = 0
  const escape = (unit: number): void => {
    out[at++] = BACKSLASH
    out[at++] = LETTER_U
    out[at++] = HEX_DIGITS[unit >> 12]
    out[at++] = HEX_DIGITS[(unit >> 8) & 15]
    out[at++] = HEX_DIGITS[(unit >> 4) & 15]
    out[at++] = HEX_DIGITS[unit & 15]
  }
  for (let i = 0; i < utf8.length; i++) {
    const byte = utf8[i]
    if (byte < 0x80) {
      out[at++] = byte
    } else if (byte >= 0xf0) {
      const point = (((byte & 0x07) << 18) | ((utf8[i + 1] & 0x3f) << 12) | ((utf8[i + 2] & 0x3f) << 6) | (utf8[i + 3] & 0x3f)) - 0x10000
      escape(0xd800 + (point >> 10))
      escape(0xdc00 + (point & 0x3ff))
      i += 3
    } else if (byte >= 0xe0) {
      escape(((byte & 0x0f) << 12) | ((utf8[i + 1] & 0x3f) << 6) | (utf8[i + 2] & 0x3f))
      i += 2
    } else {
      escape(((byte & 0x1f) << 6) | (utf8[i + 1] & 0x3f))
      i += 1
    }
  }
  return out
}
