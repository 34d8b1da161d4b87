// Cleaning of display text and of URLs as the news pipeline writes them.
import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities'
import { isWrittenHttpUrl } from './http-url'

// Windows-1252 bytes 0x80-0x9F as the characters they display as. UTF-8 text
// decoded as cp1252 turns into these (`’` -> `â€™`). The five undefined bytes
// survive as C1 control characters.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178
].map((code) => String.fromCharCode(code))
const BYTE_OF = new Map<string, number>()
CP1252_HIGH.forEach((char, i) => BYTE_OF.set(char, 0x80 + i))
for (let byte = 0xa0; byte <= 0xff; byte++) BYTE_OF.set(String.fromCharCode(byte), byte)

// A continuation byte (0x80-0xBF) as cp1252 shows it.
const CONT = `[${escapeForClass(CP1252_HIGH)}\\u00A0-\\u00BF]`
// A whole UTF-8 sequence seen through cp1252: a lead byte and as many
// continuation bytes as it announces. Only such runs are touched.
const MOJIBAKE_RUN = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, 'g')
const MOJIBAKE_HINT = /[\u00C2-\u00F4]/

function escapeForClass(chars: string[]): string {
  return chars.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Repairs UTF-8 that was decoded as Windows-1252 (`â€˜Sensitive Dataâ€™` ->
 * `‘Sensitive Data’`). Each suspicious run is turned back into bytes and kept
 * only when those bytes are valid UTF-8, so genuine accented text stays as is.
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_HINT.test(text)) return text
  return text.replace(MOJIBAKE_RUN, (run) => {
    const bytes = Uint8Array.from([...run].map((char) => BYTE_OF.get(char) ?? 0))
    try {
      return strictUtf8.decode(bytes)
    } catch {
      return run
    }
  })
}

function decodeEntities(text: string): string {
  // Strict: only entities with their `;`, so `AT&T` or `&notice` stay as written.
  return text.includes('&') ? decodeHTMLStrict(text) : text
}

const NBSP = /\u00A0/g
const CRLF = /\r\n?/g

// Most text needs no cleaning; one test finds what would change it, so clean
// text is returned as it is instead of going through every pass. Text trips
// these only when a pass below could change it: an entity, a mojibake lead
// character, NBSP, CR, or whitespace at an end (trim); for a line also any
// whitespace but a lone space (the collapse). Every whitespace character but the
// space is in the line's class, so a run of whitespace without them is two spaces.
// The ends are checked apart: as regex alternatives (`^\s|\s$`) they were tried at every position.
const TEXT_NEEDS_WORK = /[&\u00A0\u00C2-\u00F4\r]/
const LINE_NEEDS_WORK = /[&\u00A0\u00C2-\u00F4\t\n\v\f\r\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]| {2}/
const WHITESPACE = /\s/

function endsInWhitespace(text: string): boolean {
  return isWhitespace(text.charCodeAt(0)) || isWhitespace(text.charCodeAt(text.length - 1))
}

// What `\s` matches: ASCII whitespace, or a few characters above 0x7F (checked by the regex itself).
function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return WHITESPACE.test(String.fromCharCode(code))
}

/** Multi-line display text (an excerpt): entities decoded, mojibake repaired, NBSP as space, LF line ends, trimmed. */
export function cleanText(value: unknown): string {
  const text = asText(value)
  if (text === '' || !(TEXT_NEEDS_WORK.test(text) || endsInWhitespace(text))) return text
  return cleanTextFully(text)
}

function cleanTextFully(text: string): string {
  return repairMojibake(decodeEntities(text)).replace(NBSP, ' ').replace(CRLF, '\n').trim()
}

/** One-line display text (a title, a name, a topic): like cleanText, with whitespace runs collapsed. */
export function cleanLine(value: unknown): string {
  const text = asText(value)
  if (text === '' || !(LINE_NEEDS_WORK.test(text) || endsInWhitespace(text))) return text
  return cleanTextFully(text).replace(/\s+/g, ' ')
}

/** An excerpt: cleaned, and the pipeline's `NA` placeholder becomes empty. */
export function cleanExcerpt(value: unknown): string {
  const text = cleanText(value)
  return text === 'NA' ? '' : text
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

/**
 * An http(s) URL as written in the card, with HTML-escaped ampersands
 * (`&#038;`, `&amp;`) decoded the way a browser reads an href. Null when it is
 * not an absolute http(s) URL, so nothing else (`javascript:`) reaches a link.
 */
export function cleanUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  let text = value.trim()
  if (text.includes('&')) text = decodeHTMLAttribute(text)
  return isWrittenHttpUrl(text) ? text : null
}
