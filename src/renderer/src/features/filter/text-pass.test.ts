import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { createRandom } from '../../../../shared/testing/random.mjs'
import { buildLibraryIndex, type LibraryIndex } from './library-index'
import { lightRow } from './testing/light-row'
import { byBestMatch } from './best-match'
import { MATCH_RANK, OWN_MATCH, textPass } from './text-pass'
import { updateLibraryIndex } from './update-index'

const rows = ['vaccine trial results', 'vacation homes', 'vacuum tubes', 'market vaccine news', 'cloud market'].map(
  (searchText, i) => ({ id: `r${i}`, searchText, urls: [], topics: [], providerName: '', providerDomain: '', type: 'article', publishedAtMs: null, quality: null, heat: null }) as unknown as CardRow
)
const passing = (pass: Uint8Array): string[] => rows.filter((_, i) => pass[i]).map((row) => row.searchText)

describe('textPass', () => {
  it('gives the same answer typed letter by letter as typed at once', () => {
    const typed = buildLibraryIndex(rows)
    for (const prefix of ['v', 'va', 'vac', 'vacc']) textPass(typed, [prefix], [])
    const fresh = buildLibraryIndex(rows)
    expect(passing(textPass(typed, ['vacci'], []))).toEqual(passing(textPass(fresh, ['vacci'], [])))
    expect(passing(textPass(typed, ['vacci'], []))).toEqual(['vaccine trial results', 'market vaccine news'])
  })

  it('searches every row again when the text widens (backspace, a lengthened exclusion)', () => {
    const index = buildLibraryIndex(rows)
    expect(passing(textPass(index, ['vacc'], []))).toHaveLength(2)
    expect(passing(textPass(index, ['vac'], []))).toHaveLength(4)
    expect(passing(textPass(index, ['vac'], ['market']))).toEqual(['vaccine trial results', 'vacation homes', 'vacuum tubes'])
    expect(passing(textPass(index, ['vac'], ['marketing']))).toHaveLength(4)
    expect(passing(textPass(index, [], ['vac']))).toEqual(['cloud market'])
  })

  it('narrows when a word is added', () => {
    const index = buildLibraryIndex(rows)
    textPass(index, ['market'], [])
    expect(passing(textPass(index, ['market', 'cloud'], []))).toEqual(['cloud market'])
    expect(passing(textPass(index, ['cloud'], []))).toEqual(['cloud market'])
  })
})

describe('textPass while a sync patches the index', () => {
  const WORDS = ['vaccine', 'launch', 'market', 'storm', 'cloud', 'vote']
  /** Rows that count how often their haystack is read, to tell a carried pass from a pass over every row. */
  let reads = 0
  function countedRow(id: string, version: number, next: () => number): CardRow {
    const pick = (): string => WORDS[Math.floor(next() * WORDS.length)]
    const row = lightRow(id, { title: `${pick()} ${id}`, excerpt: next() < 0.5 ? pick() : '', related: next() < 0.5 ? [`${pick()} v${version}`] : [] })
    const searchText = row.searchText
    return Object.defineProperty(row, 'searchText', { get: () => (reads++, searchText), enumerable: true })
  }

  it('answers like a pass from scratch after every batch, searching only the rows the batch brought', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = createRandom(seed)
      const rows = new Map<string, CardRow>()
      let nextId = 0
      for (let i = 0; i < 300; i++, nextId++) rows.set(`c${nextId}`, countedRow(`c${nextId}`, 0, random.next))
      let index = updateLibraryIndex(null, rows)
      const include = [random.pick(WORDS).slice(0, random.int(2, 5))]
      const exclude = random.chance(0.3) ? [random.pick(WORDS)] : []
      textPass(index, include, exclude)
      for (let step = 0; step < 15; step++) {
        const ids = [...rows.keys()]
        const touched = random.int(1, 8)
        for (let k = 0; k < touched; k++) {
          const roll = random.next()
          if (roll < 0.5) rows.set(`c${nextId}`, countedRow(`c${nextId++}`, step, random.next))
          else if (roll < 0.9) {
            const id = random.pick(ids)
            rows.set(id, countedRow(id, step + 1, random.next))
          } else rows.delete(random.pick(ids))
        }
        reads = 0
        index = updateLibraryIndex(index, rows)
        const carried = textPass(index, include, exclude)
        expect(reads, `seed ${seed} step ${step}: haystacks read`).toBeLessThanOrEqual(touched * 2)
        const scratch = buildLibraryIndex(rows.values())
        const fromScratch = textPass(scratch, include, exclude)
        for (const [id, slot] of index.indexById) expect(carried[slot], `seed ${seed} step ${step} ${id}`).toBe(fromScratch[scratch.indexById.get(id)!])
      }
    }
  })
})

describe('textPass ranks', () => {
  /** The pass byte as first written: a row is let through by includes(), then each term is looked up again to rank it. */
  function referenceByte(row: CardRow, include: string[], exclude: string[]): number {
    const haystack = row.searchText
    if (!include.every((term) => haystack.includes(term)) || exclude.some((term) => haystack.includes(term))) return 0
    if (include.length === 0) return 1
    const titleEnd = row.title.length
    const excerptEnd = titleEnd + 1 + row.excerpt.length
    const inTitle = include.filter((term) => haystack.indexOf(term) + term.length <= titleEnd).length
    const inCard = include.filter((term) => haystack.indexOf(term) + term.length <= excerptEnd).length
    const own = inCard === include.length
    const rank = 1 + (own ? 64 : 0) + Math.min(62, inTitle * (include.length + 1) + inCard)
    return own ? rank | OWN_MATCH : rank
  }

  type Random = ReturnType<typeof createRandom>

  /** 200 rows of random phrases of `words`: up to `most.title` words in a title, and so on. */
  function randomIndex(random: Random, words: readonly string[], most: { title: number; excerpt: number; related: number; relatedTitle: number }): LibraryIndex {
    const phrase = (length: number): string => Array.from({ length: random.int(1, length) }, () => random.pick(words)).join(' ')
    const rows = Array.from({ length: 200 }, (_, i) =>
      lightRow(`c${i}`, {
        title: phrase(most.title),
        excerpt: random.chance(0.6) ? phrase(most.excerpt) : '',
        related: Array.from({ length: random.int(0, most.related) }, () => phrase(most.relatedTitle))
      })
    )
    return buildLibraryIndex(rows)
  }

  it('gives every row the byte, and so the best-match order, of looking each term up twice', () => {
    const WORDS = ['vaccine', 'vac', 'market', 'storm', 'cloud', 'vote', 'cibc', 'chooses', 'azure']
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed)
      const index = randomIndex(random, WORDS, { title: 4, excerpt: 6, related: 5, relatedTitle: 5 })
      for (let query = 0; query < 10; query++) {
        const include = Array.from({ length: random.int(1, 4) }, () => random.pick(WORDS).slice(0, random.int(2, 7)))
        const exclude = random.chance(0.3) ? [random.pick(WORDS)] : []
        const pass = textPass(index, include, exclude)
        const expected = Uint8Array.from(index.rows, (row) => referenceByte(row, include, exclude))
        expect(Array.from(pass), `seed ${seed}: ${include.join(' ')} -${exclude.join(' -')}`).toEqual(Array.from(expected))
        const matches = Int32Array.from(index.rows.keys()).filter((i) => pass[i] & MATCH_RANK)
        expect(Array.from(byBestMatch(matches, pass))).toEqual(Array.from(byBestMatch(matches, expected)))
      }
    }
  })

  it('ranks like a fresh pass at every letter, typed at the end of a word or before it', () => {
    const WORDS = ['vaccine', 'market', 'marketing', 'storm', 'cloud', 'cibc chooses', 'azure']
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed)
      const index = randomIndex(random, WORDS, { title: 3, excerpt: 5, related: 6, relatedTitle: 6 })
      // A word grown from a piece of its middle, a letter at a time on either side ("ark", "rke", "arke", ...).
      const word = random.pick(WORDS)
      let start = random.int(0, word.length - 1)
      let end = start + 1
      const other = random.chance(0.4) ? [random.pick(WORDS).slice(0, 3)] : []
      for (;;) {
        const include = [...other, word.slice(start, end)]
        expect(Array.from(textPass(index, include, [])), `seed ${seed}: ${include.join(' ')}`).toEqual(index.rows.map((row) => referenceByte(row, include, [])))
        if (start === 0 && end === word.length) break
        if (start > 0 && (end === word.length || random.chance(0.5))) start--
        else end++
      }
    }
  })
})
