import { describe, expect, it } from 'vitest'
import { seeded } from '../testing/seeded'
import { termCountsOf, wordsOf } from './terms'

/** The counts as the plain definition gives them: the title's words twice, the excerpt's once. */
function countsByDefinition(title: string, excerpt: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of wordsOf(title)) counts.set(word, (counts.get(word) ?? 0) + 2)
  for (const word of wordsOf(excerpt)) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}

describe('termCountsOf', () => {
  const texts = [
    'Microsoft acquires Metaswitch Networks — 5G core, $1.2bn deal',
    "It's the JEDI award: Pentagon's review (part 2/3) of AWS vs. MSFT",
    'Café Zürich öffnet: 北京 news, naïve Ünicode',
    'KELVIN \u212a sign and Turkish \u0130stanbul',
    'a b c x1 9 99 _under_score_ tab\tnew\nline',
    '',
    '   ',
    'the and of to in',
    '“Quoted” text’s — emoji 🚀rocket🚀, 𝐁𝐨𝐥𝐝 math, lone \ud800 high\udc00low, e\u0301 combining, Ⅻ roman ²'
  ]

  it('gives the same words and counts as splitting by Unicode letters and digits, ASCII or not', () => {
    for (const title of texts) for (const excerpt of texts) expect(termCountsOf(title, excerpt)).toEqual(countsByDefinition(title, excerpt))
  })

  it('gives the same words as the definition for random text of ASCII, accents, astral letters, emoji, marks and lone surrogates', () => {
    const random = seeded(20261203)
    const pieces = ['a', 'Z', '7', ' ', '-', 'é', 'Ö', 'ß', '’', '“', '\u0301', '\u0130', '\u212a', '𝐁', '🚀', '\ud800', '\udc00', '北', '²', '_', 'the']
    for (let run = 0; run < 500; run++) {
      const text = () => Array.from({ length: random.int(30) }, () => random.pick(pieces)).join('')
      const [title, excerpt] = [text(), text()]
      expect(termCountsOf(title, excerpt), JSON.stringify([title, excerpt])).toEqual(countsByDefinition(title, excerpt))
    }
  })

  it('counts a title word twice and an excerpt word once, without stop words or one-letter words', () => {
    expect(Object.fromEntries(termCountsOf('Storm floods Oslo', 'Oslo storm: a flood of rain'))).toEqual({ storm: 3, floods: 2, oslo: 3, flood: 1, rain: 1 })
  })
})
