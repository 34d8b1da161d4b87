import { describe, expect, it } from 'vitest'
import type { CardRow } from '../../db/database'
import { buildLibraryIndex } from './library-index'
import { textPass } from './text-pass'

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
