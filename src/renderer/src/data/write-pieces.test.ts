import { describe, expect, it } from 'vitest'
import type { LibraryBatch } from '../../../shared/contract'
import { foldBatches } from './apply-batch'
import { makeCard, makeRelated } from './testing/cards'
import { splitByWeight, writeWeightOf } from './write-pieces'


function batchOf(cards: number, relatedEach: number): LibraryBatch {
  const upsert = Array.from({ length: cards }, (_, i) => makeCard(`c${i}`, { related: Array.from({ length: relatedEach }, (_, r) => makeRelated(`c${i}-r${r}`)) }))
  return {
    folder: '/f',
    seq: 7,
    upsert,
    remove: ['gone', upsert[3].id],
    files: upsert.map((card, i) => ({ path: `c${i}.md`, size: 1, mtimeMs: 1, id: card.id, publishedAtMs: null })),
    removedFiles: ['gone.md'],
    errors: [{ path: 'bad.md', code: 'yaml-syntax', message: 'bad' }],
    clearedErrors: ['fixed.md']
  }
}

describe('splitByWeight', () => {
  it('cuts heavy cards into pieces of bounded weight that fold to the same change, file entries last', () => {
    const batch = batchOf(40, 30)
    const pieces = splitByWeight(batch, 200)
    expect(pieces.length).toBeGreaterThan(5)
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.upsert.reduce((sum, card) => sum + writeWeightOf(card), 0)).toBeLessThanOrEqual(200)
      expect(piece.files).toEqual([])
      expect(piece.remove).toEqual([])
    }
    expect(pieces.at(-1)!.files).toHaveLength(40)
    expect(foldBatches(pieces)).toEqual(foldBatches([batch]))
  })

  it('leaves a light batch whole', () => {
    const batch = batchOf(50, 0)
    expect(splitByWeight(batch, 400)).toEqual([batch])
  })
})
