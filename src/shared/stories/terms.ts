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

const NOT_WORD = /[^\p{L}\p{N}]+/u
const NOT_ASCII = /[\u0080-\uffff]/

/** Lower-cased words of `text`, stop words and one-letter words left out. */
export function wordsOf(text: string): string[] {
  // split() makes no match objects: several times faster than matchAll over 100k cards.
  return text
    .toLowerCase()
    .split(NOT_WORD)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
}

/** Term counts of a card: the title's words twice, the excerpt's once. */
export function termCountsOf(title: string, excerpt: string): Map<string, number> {
  const counts = new Map<string, number>()
  countWords(title, 2, counts)
  countWords(excerpt, 1, counts)
  return counts
}

const isAsciiWordChar = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 48 && code <= 57)

/**
 * Adds `text`'s words to `counts`. Plain ASCII text (most cards) is split by
 * hand, with no regular expression or word array: the same words as
 * wordsOf, several times faster over 100k cards. Other text goes through wordsOf.
 */
function countWords(text: string, weight: number, counts: Map<string, number>): void {
  const lower = text.toLowerCase()
  const add = (word: string): void => {
    if (word.length > 1 && !STOP_WORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + weight)
  }
  if (NOT_ASCII.test(lower)) {
    for (const word of wordsOf(lower)) add(word)
    return
  }
  let start = -1
  for (let i = 0; i < lower.length; i++) {
    if (isAsciiWordChar(lower.charCodeAt(i))) {
      if (start < 0) start = i
    } else if (start >= 0) {
      add(lower.slice(start, i))
      start = -1
    }
  }
  if (start >= 0) add(lower.slice(start))
}
