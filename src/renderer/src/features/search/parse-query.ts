// The search box language. Free text matches title, excerpt and related
// titles; field terms narrow by topic, provider, type, quality, date and
// read/star state; a leading '-' excludes. A term that can't be read becomes
// a QueryError so the UI can show it instead of quietly dropping it.

import { foldSearchText } from '../../../../shared/search-text'

export type QualityOp = '>' | '<' | '>=' | '<=' | '='
export type StateValue = 'unread' | 'read' | 'starred' | 'unstarred'

export type QueryTerm =
  | { kind: 'text'; value: string; negate: boolean }
  | { kind: 'topic' | 'provider' | 'type'; value: string; negate: boolean }
  | { kind: 'quality'; op: QualityOp; value: number; negate: boolean }
  | { kind: 'before' | 'after'; value: number; negate: boolean }
  | { kind: 'is'; value: StateValue; negate: boolean }
  // Story terms: run-filter passes them by; features/stories applies them to the matches.
  | { kind: 'story'; value: string; negate: boolean }
  | { kind: 'outlets'; op: QualityOp; value: number; negate: boolean }
  | { kind: 'updated'; negate: boolean }

export interface QueryError {
  /** The term as typed. */
  raw: string
  start: number
  end: number
  message: string
}

export interface ParsedQuery {
  terms: QueryTerm[]
  errors: QueryError[]
}

export const QUERY_FIELDS = ['topic', 'provider', 'type', 'quality', 'before', 'after', 'is', 'story', 'outlets'] as const
const STATE_VALUES: readonly StateValue[] = ['unread', 'read', 'starred', 'unstarred']

interface Token {
  raw: string
  start: number
  end: number
  negate: boolean
  /** Lower-cased field name, when the token is `name:value` or `quality<op>N`. */
  field: string | null
  op: string
  value: string
  quoted: boolean
  unclosedQuote: boolean
}

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0'
const isLetter = (ch: string): boolean => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')

/** Reads a quoted value starting at the opening quote; returns the value and the index after it. */
function readQuoted(input: string, openAt: number): { value: string; next: number; closed: boolean } {
  const close = input.indexOf('"', openAt + 1)
  if (close === -1) return { value: input.slice(openAt + 1), next: input.length, closed: false }
  return { value: input.slice(openAt + 1, close), next: close + 1, closed: true }
}

function readUntilSpace(input: string, from: number): number {
  let i = from
  while (i < input.length && !isSpace(input[i])) i++
  return i
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    if (isSpace(input[i])) {
      i++
      continue
    }
    const start = i
    let negate = false
    if (input[i] === '-') {
      negate = true
      i++
    }
    let field: string | null = null
    let op = ''
    let value = ''
    let quoted = false
    let unclosedQuote = false

    let nameEnd = i
    while (nameEnd < input.length && isLetter(input[nameEnd])) nameEnd++
    const name = input.slice(i, nameEnd).toLowerCase()
    const opMatch = /^(>=|<=|>|<|=)/.exec(input.slice(nameEnd, nameEnd + 2))

    if (nameEnd > i && input[nameEnd] === ':') {
      field = name
      op = ':'
      i = nameEnd + 1
    } else if ((name === 'quality' || name === 'outlets') && opMatch) {
      field = name
      op = opMatch[1]
      i = nameEnd + op.length
    }

    if (input[i] === '"') {
      const read = readQuoted(input, i)
      value = read.value
      quoted = true
      unclosedQuote = !read.closed
      i = read.next
      // Text glued to a closing quote belongs to the same term.
      const tail = readUntilSpace(input, i)
      value += input.slice(i, tail)
      i = tail
    } else {
      const end = readUntilSpace(input, i)
      value = input.slice(i, end)
      i = end
    }
    tokens.push({ raw: input.slice(start, i), start, end: i, negate, field, op, value, quoted, unclosedQuote })
  }
  return tokens
}

const DATE_PATTERN = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/

/** The local start of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` period, or null when it is not a real date. */
export function parseDateStart(text: string): number | null {
  const match = DATE_PATTERN.exec(text.trim())
  if (!match) return null
  const year = Number(match[1])
  const month = match[2] === undefined ? 1 : Number(match[2])
  const day = match[3] === undefined ? 1 : Number(match[3])
  const date = new Date(year, month - 1, day)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null
  return date.getTime()
}

function termFromToken(token: Token): QueryTerm | string {
  const { field, value, negate } = token
  if (token.unclosedQuote) return 'Missing closing quote'
  if (field === null) {
    if (value === '') return token.negate ? "'-' needs a word after it" : 'Empty quotes'
    return { kind: 'text', value: foldSearchText(value), negate }
  }
  if (!(QUERY_FIELDS as readonly string[]).includes(field)) {
    return `Unknown field "${field}:" (known: ${QUERY_FIELDS.map((f) => f + ':').join(' ')}; quote text that holds a colon)`
  }
  if (value === '') return field === 'quality' || field === 'outlets' ? `${field} needs a number, as in ${field}>${field === 'quality' ? 50 : 3}` : `${field}: needs a value`
  switch (field) {
    case 'topic':
    case 'provider':
    case 'type':
      return { kind: field, value: value.toLowerCase(), negate }
    case 'quality': {
      // `quality:>50` reads like `quality>50`.
      const match = /^(>=|<=|>|<|=)?(\d+(?:\.\d+)?)$/.exec(token.op === ':' ? value : token.op + value)
      if (!match) return `quality needs a number, as in quality>50, not "${token.raw}"`
      return { kind: 'quality', op: (match[1] ?? '=') as QualityOp, value: Number(match[2]), negate }
    }
    case 'before':
    case 'after': {
      const at = parseDateStart(value)
      if (at === null) return `${field}: needs a date as YYYY-MM-DD, YYYY-MM or YYYY, not "${value}"`
      return { kind: field, value: at, negate }
    }
    case 'story':
      return { kind: 'story', value: value.toLowerCase(), negate }
    case 'outlets': {
      const match = /^(>=|<=|>|<|=)?(\d+)$/.exec(token.op === ':' ? value : token.op + value)
      if (!match) return `outlets needs a whole number, as in outlets>3, not "${token.raw}"`
      return { kind: 'outlets', op: (match[1] ?? '=') as QualityOp, value: Number(match[2]), negate }
    }
    case 'is': {
      if (value.toLowerCase() === 'updated') return { kind: 'updated', negate }
      const state = value.toLowerCase() as StateValue
      if (!STATE_VALUES.includes(state)) return `is: takes ${STATE_VALUES.join(', ')}, updated, not "${value}"`
      return { kind: 'is', value: state, negate }
    }
  }
  return `Unknown field "${field}:"`
}

export function parseQuery(input: string): ParsedQuery {
  const terms: QueryTerm[] = []
  const errors: QueryError[] = []
  for (const token of tokenize(input)) {
    const term = termFromToken(token)
    if (typeof term === 'string') errors.push({ raw: token.raw, start: token.start, end: token.end, message: term })
    else terms.push(term)
  }
  return { terms, errors }
}
