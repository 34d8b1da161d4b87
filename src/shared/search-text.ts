// The free-text search's haystack and terms share one folding, so what the reader types matches what the
// card says; the renderer's rows, its database upgrade and the search parser all call it.

export const TYPOGRAPHIC_QUOTES = /[\u2018\u2019\u201c\u201d]/

/**
 * Lower-cased text with typographic quotes made plain, as the haystack holds it and a search term is looked
 * for. V8 keeps a string one byte a character only while every character is in Latin-1: one ’ in a title
 * made its card's whole haystack two bytes a character (haystacks at 30k: 89 MB, 47 MB folded).
 * Each quote becomes one character, so a part's length in the haystack stays the length of its text.
 */
export function foldSearchText(text: string): string {
  const lowered = text.toLowerCase()
  if (!TYPOGRAPHIC_QUOTES.test(lowered)) return lowered
  const folded = lowered.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
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
