// The words a card's text is compared by. Titles count twice: a headline names
// the event, an excerpt often opens with the outlet's boilerplate.

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his how i if in into is it its me more most my na ' +
    'new no not of on or our out over says said she so than that the their them then there these they this to up us ' +
    'was we were what when where which who why will with would you your after about also can could do does just may ' +
    'one two all any been before being did get got here like make many much now only other some such very via vs'
  ).split(' ')
)

// Dates say when, not what: two notices "retired on 31 August 2024" tell different events.
for (const month of 'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' ')) STOP_WORDS.add(month)

const DIGITS = /^(19|20)\d\d$/

/** Stop words, month names and numbers (a day, a year): words that name no event. */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word) || DIGITS.test(word)

const NOT_WORD = /[^\p{L}\p{N}]+/u

/** Lower-cased words of `text`, stop words and one-letter words left out. */
export function wordsOf(text: string): string[] {
  // split() makes no match objects: several times faster than matchAll over 100k cards.
  return text
    .toLowerCase()
    .split(NOT_WORD)
    .filter((word) => word.length > 1 && !isStopWord(word))
}

/** Term counts of a card: the title's words twice, the excerpt's once. */
export function termCountsOf(title: string, excerpt: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (word: string, weight: number): void => {
    if (!isStopWord(word)) counts.set(word, (counts.get(word) ?? 0) + weight)
  }
  eachWord(title, 2, add)
  eachWord(excerpt, 1, add)
  return counts
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u
/** Whether each non-ASCII code point met so far is a letter or digit: a text repeats few of them. */
const wordCodePoints = new Map<number, boolean>()

function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 128) return (codePoint >= 97 && codePoint <= 122) || (codePoint >= 48 && codePoint <= 57) || (codePoint >= 65 && codePoint <= 90)
  let known = wordCodePoints.get(codePoint)
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(codePoint))
    wordCodePoints.set(codePoint, known)
  }
  return known
}

/**
 * Calls `visit` with each lower-cased word of `text` longer than one letter,
 * stop words included (the caller knows them cheaper: see vectors.ts's
 * TermTable). Split by hand, code point by code point, with no regular
 * expression or word array: the same words as wordsOf, several times faster
 * over 100k cards.
 */
export function eachWord(text: string, weight: number, visit: (word: string, weight: number) => void): void {
  const lower = text.toLowerCase()
  let start = -1
  let at = 0
  while (at < lower.length) {
    const code = lower.charCodeAt(at)
    const codePoint = code >= 0xd800 && code <= 0xdbff ? (lower.codePointAt(at) ?? code) : code
    const width = codePoint > 0xffff ? 2 : 1
    if (isWordCodePoint(codePoint)) {
      if (start < 0) start = at
    } else if (start >= 0) {
      if (at - start > 1) visit(lower.slice(start, at), weight)
      start = -1
    }
    at += width
  }
  if (start >= 0 && lower.length - start > 1) visit(lower.slice(start), weight)
}
