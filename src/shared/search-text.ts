// The free-text search's haystack and terms share one folding, so what the reader types matches what the
// card says; the renderer's rows, its database upgrade and the search parser all call it.

export const TYPOGRAPHIC_QUOTES = /[\u2018\u2019\u201c\u201d]/

/**
 * Punctuation and spaces outside Latin-1 that have a plain equivalent, each folded to one character: quotes,
 * dashes, the ellipsis, the many widths of space, the invisible format characters, bullets and the trade mark signs (as
 * spaces). Letters of any script stay.
 */
const PLAIN_EQUIVALENT: Readonly<Record<string, string>> = {
  '\u00a0': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2026': '.',
  ...Object.fromEntries([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212].map((code) => [String.fromCharCode(code), '-'])),
  ...Object.fromEntries(
    [0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x200c, 0x200d, 0x202f, 0x205f, 0x2022, 0x2060, 0x2120, 0x2122, 0x3000, 0xfe0e, 0xfe0f, 0xfeff].map(
      (code) => [String.fromCharCode(code), ' ']
    )
  )
}

/** Any character foldSearchText makes plain. */
export const FOLDED_PUNCTUATION = new RegExp(`[${Object.keys(PLAIN_EQUIVALENT).join('')}]`)
const FOLDED_PUNCTUATION_ALL = new RegExp(FOLDED_PUNCTUATION.source, 'g')

/**
 * Lower-cased text with typographic punctuation and odd spaces made plain (PLAIN_EQUIVALENT), as the haystack
 * holds it and a search term is looked for. V8 keeps a string one byte a character only while every character
 * is in Latin-1: one ’ or — in a title made its card's whole haystack two bytes a character (in the real
 * related-heavy cards, a dash, quote or narrow space sits in 2 of 3 cards' haystacks), twice the bytes to hold
 * and to search. Each character becomes one, so a part's length in the haystack stays the length of its text.
 */
export function foldSearchText(text: string): string {
  const lowered = text.toLowerCase()
  if (!FOLDED_PUNCTUATION.test(lowered)) return lowered
  const folded = lowered.replace(FOLDED_PUNCTUATION_ALL, (character) => PLAIN_EQUIVALENT[character])
  return asOneByte(folded)
}

const CHAR_CODES_PER_CALL = 4096

/**
 * The same text made afresh from its character codes, which V8 stores one byte a character when every code
 * fits (~10 µs a haystack): replace() keeps its source's two-byte form whatever the result holds. (A round
 * trip through JSON measured the same; a TextDecoder's string is external in Chromium, outside the JS heap
 * figure but as large.)
 */
function asOneByte(text: string): string {
  let out = ''
  const codes: number[] = []
  for (let start = 0; start < text.length; start += CHAR_CODES_PER_CALL) {
    const end = Math.min(text.length, start + CHAR_CODES_PER_CALL)
    codes.length = 0
    for (let i = start; i < end; i++) codes.push(text.charCodeAt(i))
    out += String.fromCharCode(...codes)
  }
  return out
}
