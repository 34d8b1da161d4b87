// A fast reader for exactly the layout the news pipeline writes: a `---` fence,
// top-level `key: value` lines, 2-space block maps and `- ` lists, double-quoted
// strings and plain scalars. js-yaml spends most of a card's parse time on
// generality the pipeline never uses; this reads the common shape directly and
// hands everything else back (null) to gray-matter + js-yaml, which stay the
// reference: whatever this returns must deep-equal what they return.
// Over 300 lines for a reason: one hand-tuned reader over one string, whose helpers share its cursor;
// split, the hot loop would pay calls across modules on every line of 2.4 million related items.
//
// Correctness rule: when any construct is not certainly read the way js-yaml
// reads it, give up. Plain scalars are typed by js-yaml's own implicit types
// (null, bool, int, float, timestamp, merge), so numbers and dates match exactly.
import { DEFAULT_SCHEMA } from 'js-yaml'

export interface FastFrontMatter {
  data: Record<string, unknown>
  body: string
}

interface ImplicitType {
  resolve(data: string): boolean
  construct(data: string): unknown
}

// The list js-yaml's loader walks for every plain scalar, in its order.
const implicitTypes: ImplicitType[] = (DEFAULT_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit

const LF = 0x0a
const SPACE = 0x20
const QUOTE = 0x22
const DASH = 0x2d
const COLON = 0x3a

/** The pipeline nests five deep (card > related > item > images > image). */
const MAX_DEPTH = 8
const MAX_NODES = 50_000

// Tabs and CRs change indentation and line rules; the rest is what js-yaml
// calls non-printable (it refuses those in plain scalars and some in quotes).
// The first, cheap test finds any candidate; the exact one runs only then
// (paired surrogates, i.e. emoji, are fine).
// eslint-disable-next-line no-control-regex
const MAYBE_UNUSUAL = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/

function hasUnusualCharacter(text: string): boolean {
  return MAYBE_UNUSUAL.test(text) && UNUSUAL.test(text)
}

// Characters that start something other than a plain scalar (YAML indicators).
const INDICATOR = new Uint8Array(128)
for (const ch of '#&*!|>\'"%@`,[]{}?:') INDICATOR[ch.charCodeAt(0)] = 1

const FAIL: unique symbol = Symbol('fail')
type Fail = typeof FAIL

// Parser state for one call. The closing fence's '\n' sits at `end`, so every
// line, the last included, ends at a '\n' and no scan needs a bounds check.
let src = ''
let end = 0
let pos = 0
let nodes = 0
// Set by nextLine(): the indentation and first character of the next non-blank line.
let lineIndent = 0
let lineContent = 0
let nextBackslash = -1

/**
 * Reads a card's front matter when it is in the pipeline's plain layout, with the
 * same split as gray-matter and the same values as js-yaml's `load`. Returns null
 * for anything else, including every malformed file: the caller then takes the
 * normal path, which reports errors.
 */
export function parseFrontMatterFast(text: string): FastFrontMatter | null {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  if (!text.startsWith('---\n', start)) return null
  // gray-matter closes at the first '\n---' after the opening '---'.
  const close = text.indexOf('\n---', start + 3)
  if (close === -1) return null
  // A fence line with more on it is legal for gray-matter but unusual: hand over.
  if (close + 4 < text.length && text.charCodeAt(close + 4) !== LF) return null
  if (hasUnusualCharacter(text.slice(start + 4, close))) return null

  src = text
  end = close
  pos = start + 4
  nodes = 0
  nextBackslash = -1
  let data: Record<string, unknown> | Fail = FAIL
  try {
    if (nextLine() && lineIndent === 0) data = readMap(0, lineContent, 1)
  } finally {
    src = ''
  }
  if (data === FAIL || pos < end) return null

  let body = text.slice(close + 4)
  if (body.charCodeAt(0) === LF) body = body.slice(1)
  return { data, body }
}

/**
 * Moves `pos` to the next line with content, skipping blank (all-space) lines,
 * and sets lineIndent/lineContent. False at the end of the front matter.
 */
function nextLine(): boolean {
  while (pos < end) {
    let p = pos
    while (src.charCodeAt(p) === SPACE) p++
    if (src.charCodeAt(p) !== LF) {
      lineIndent = p - pos
      lineContent = p
      return true
    }
    pos = p + 1
  }
  pos = end
  return false
}

/** Index of the ':' ending a `key:` (followed by a space or line end), else -1. */
function keyColon(p: number): number {
  const first = src.charCodeAt(p)
  if (!isLetter(first)) return -1
  let q = p + 1
  for (;;) {
    const ch = src.charCodeAt(q)
    if (isLetter(ch) || (ch >= 0x30 && ch <= 0x39) || ch === 0x5f || ch === DASH) q++
    else break
  }
  if (src.charCodeAt(q) !== COLON) return -1
  const after = src.charCodeAt(q + 1)
  return after === SPACE || after === LF ? q : -1
}

// The same few dozen keys appear on every card and related item; reusing the
// string a key had last time spares a copy and a string-table lookup per key.
const recentKeys: string[] = new Array(4096).fill('')

function keyAt(p: number, colon: number): string {
  const length = colon - p
  const slot = ((src.charCodeAt(p) << 5) ^ (src.charCodeAt(colon - 1) << 2) ^ length) & 4095
  const recent = recentKeys[slot]
  if (recent.length === length && src.startsWith(recent, p)) return recent
  const key = src.slice(p, colon)
  recentKeys[slot] = key
  return key
}

// js-yaml's null and boolean spellings that start with a letter: the only keys it would not keep as strings
// (a test holds this list to resolvePlain).
export const TYPED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'])

function isLetter(ch: number): boolean {
  return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a)
}

// A block map whose first key starts at `first`; `indent` is that key's column.
function readMap(indent: number, first: number, depth: number): Record<string, unknown> | Fail {
  if (depth > MAX_DEPTH) return FAIL
  const map: Record<string, unknown> = {}
  let p = first
  for (;;) {
    const colon = keyColon(p)
    if (colon === -1) return FAIL
    const key = keyAt(p, colon)
    // A key like `true` or `null` is typed by YAML; the object key would differ.
    // Keys start with a letter, so only null and boolean spellings (4-5 letters) can be typed.
    if ((key.length === 4 || key.length === 5) && TYPED_KEYS.has(key)) return FAIL
    // Values are never undefined, so a defined one is a duplicate (or an inherited
    // name like `constructor`: handed over too, which is safe).
    if (map[key] !== undefined) return FAIL
    let q = colon + 1
    while (src.charCodeAt(q) === SPACE) q++
    const value = src.charCodeAt(q) === LF ? readBlockValue(indent, q + 1, depth) : readInline(q)
    if (value === FAIL || ++nodes > MAX_NODES) return FAIL
    map[key] = value
    if (!nextLine() || lineIndent < indent) return map
    if (lineIndent > indent) return FAIL
    p = lineContent
  }
}

// A block list whose first `- ` is at `first`, in column `indent`.
function readList(indent: number, first: number, depth: number): unknown[] | Fail {
  if (depth > MAX_DEPTH) return FAIL
  const list: unknown[] = []
  let p = first
  for (;;) {
    if (src.charCodeAt(p) !== DASH || src.charCodeAt(p + 1) !== SPACE) return FAIL
    const q = p + 2
    const ch = src.charCodeAt(q)
    if (ch === SPACE || ch === LF) return FAIL
    // `- key: value` opens a map whose keys line up two columns in.
    const item = keyColon(q) !== -1 ? readMap(indent + 2, q, depth + 1) : readInline(q)
    if (item === FAIL || ++nodes > MAX_NODES) return FAIL
    list.push(item)
    if (!nextLine() || lineIndent < indent) return list
    if (lineIndent > indent) return FAIL
    p = lineContent
  }
}

// The value of `key:` at the end of its line: a more-indented map or list, or null.
function readBlockValue(parentIndent: number, lineStart: number, depth: number): unknown {
  pos = lineStart
  if (!nextLine()) return null
  if (lineIndent <= parentIndent) {
    // YAML lets a list sit at its key's own indentation; the pipeline never does.
    if (lineIndent === parentIndent && src.charCodeAt(lineContent) === DASH) return FAIL
    return null
  }
  return src.charCodeAt(lineContent) === DASH ? readList(lineIndent, lineContent, depth + 1) : readMap(lineIndent, lineContent, depth + 1)
}

// A scalar that starts at `p` and ends its line. Leaves `pos` at the next line.
function readInline(p: number): unknown {
  const first = src.charCodeAt(p)
  const lineEnd = src.indexOf('\n', p)
  if (first === QUOTE) return readDoubleQuoted(p + 1, lineEnd)
  if (first < 128 && INDICATOR[first] === 1) return FAIL
  if (first === DASH && src.charCodeAt(p + 1) === SPACE) return FAIL
  let last = lineEnd
  while (src.charCodeAt(last - 1) === SPACE) last--
  const text = src.slice(p, last)
  // ': ' would end the scalar and ' #' start a comment; a final ':' is a key.
  if (text.includes(': ') || text.includes(' #') || text.charCodeAt(text.length - 1) === COLON) return FAIL
  pos = lineEnd + 1
  return resolvePlain(text)
}

// Typed exactly as js-yaml types a plain scalar. Keys, topics, provider names and
// small numbers repeat from card to card, so immutable results are remembered.
const plainCache = new Map<string, unknown>()
const PLAIN_CACHE_LIMIT = 8192

function resolvePlain(text: string): unknown {
  // Every related item carries a timestamp; js-yaml would try four other types first, and the cache never holds one.
  if (text.length === 20 && isUtcSecondsTimestamp(text)) return utcSecondsDate(text)
  const cached = plainCache.get(text)
  if (cached !== undefined) return cached
  let value: unknown = text
  for (const type of implicitTypes) {
    if (type.resolve(text)) {
      value = type.construct(text)
      break
    }
  }
  // Dates (objects) must be fresh for every card; primitives can be shared.
  if (typeof value !== 'object' || value === null) {
    if (plainCache.size >= PLAIN_CACHE_LIMIT) plainCache.clear()
    // A copy of the text: a slice of 13 or more characters keeps its card's whole file text alive in the cache.
    const key = ownCopy(text)
    plainCache.set(key, value === text ? key : value)
  }
  return value
}

/** `text` as a string of its own (V8 makes a slice of 13+ characters a view of its parent). */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1)
}

// `YYYY-MM-DDTHH:MM:SSZ`, the pipeline's usual spelling. js-yaml reads it as
// Date.UTC of its fields (no fraction, no offset), which is what this builds.
const TIMESTAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
function isUtcSecondsTimestamp(text: string): boolean {
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== 0x54 /* T */) return false
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON || text.charCodeAt(19) !== 0x5a /* Z */) return false
  for (const i of TIMESTAMP_DIGITS) {
    const ch = text.charCodeAt(i)
    if (ch < 0x30 || ch > 0x39) return false
  }
  return true
}

function utcSecondsDate(text: string): Date {
  return new Date(Date.UTC(digitsAt(text, 0, 4), digitsAt(text, 5, 7) - 1, digitsAt(text, 8, 10), digitsAt(text, 11, 13), digitsAt(text, 14, 16), digitsAt(text, 17, 19)))
}

/** The number the ASCII digits from `from` to `to` spell (isUtcSecondsTimestamp checked they are digits). */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 0x30
  return value
}

// The body of a double-quoted scalar from `p` (after the opening quote); it must
// close on this line with only spaces after it.
function readDoubleQuoted(p: number, lineEnd: number): unknown {
  let out = ''
  let segment = p
  for (;;) {
    const quote = src.indexOf('"', segment)
    if (quote === -1 || quote > lineEnd) return FAIL
    const escape = backslashFrom(segment)
    if (escape > quote) {
      out += src.slice(segment, quote)
      let q = quote + 1
      while (src.charCodeAt(q) === SPACE) q++
      if (q !== lineEnd) return FAIL
      pos = lineEnd + 1
      return out
    }
    // An escape comes first (maybe escaping the quote just found): decode it and look again.
    out += src.slice(segment, escape)
    const decoded = readEscape(escape + 1)
    if (decoded === FAIL) return FAIL
    out += decoded.text
    segment = decoded.after
  }
}

// Most cards hold no backslash at all; remembering the next one keeps every
// quoted string from searching to the end of the file.
function backslashFrom(from: number): number {
  if (nextBackslash < from) {
    const found = src.indexOf('\\', from)
    nextBackslash = found === -1 ? Infinity : found
  }
  return nextBackslash
}

function readEscape(p: number): { text: string; after: number } | Fail {
  const ch = src.charCodeAt(p)
  const simple = SIMPLE_ESCAPES[ch]
  if (ch < 128 && simple !== undefined) return { text: simple, after: p + 1 }
  const digits = ch === 0x78 ? 2 : ch === 0x75 ? 4 : 0 // \x, \u (\U is rare: hand over)
  if (digits === 0) return FAIL
  let code = 0
  for (let i = 1; i <= digits; i++) {
    const hex = hexValue(src.charCodeAt(p + i))
    if (hex === -1) return FAIL
    code = code * 16 + hex
  }
  return { text: String.fromCharCode(code), after: p + 1 + digits }
}

function hexValue(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30
  const lower = ch | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1
}

// js-yaml's one-character escapes (the tab escape is moot: tabs hand over).
const SIMPLE_ESCAPES: (string | undefined)[] = []
for (const [ch, text] of Object.entries({
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029'
})) {
  SIMPLE_ESCAPES[ch.charCodeAt(0)] = text
}
