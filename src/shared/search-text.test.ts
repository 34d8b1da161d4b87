import { describe, expect, it } from 'vitest'
import { foldSearchText } from './search-text'

describe('foldSearchText', () => {
  it('makes typographic punctuation and odd spaces plain, one character for one, and leaves letters of any script', () => {
    const text = 'Vote\u2014Live \u2013 Day\u202f2: \u201cWe\u2019re in\u201d\u2026 Caf\u00e9 \u041f\u0440\u0438\u0432\u0435\u0442\u00a0news\u200b!'
    const folded = foldSearchText(text)
    expect(folded).toBe('vote-live - day 2: "we\'re in". caf\u00e9 \u043f\u0440\u0438\u0432\u0435\u0442 news !')
    expect(folded).toHaveLength(text.length)
  })

  it('finds text the reader types plainly in a card written with typographic punctuation', () => {
    const haystack = foldSearchText('COVID\u201119 \u2014 What\u2019s next')
    for (const typed of ['covid-19', "what's next", 'covid-19 - what']) expect(haystack).toContain(foldSearchText(typed))
  })
})
