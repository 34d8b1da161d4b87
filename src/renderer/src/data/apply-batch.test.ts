import { describe, expect, it } from 'vitest'
import type { LibraryBatch } from '../../../shared/contract'
import { foldBatches } from './apply-batch'
import { makeCard } from './testing/cards'

const batch = (seq: number, parts: Partial<LibraryBatch>): LibraryBatch => ({
  folder: '/f',
  seq,
  upsert: [],
  remove: [],
  files: [],
  removedFiles: [],
  errors: [],
  clearedErrors: [],
  ...parts
})
const entry = (path: string, id: string) => ({ path, size: 1, mtimeMs: 1, id, publishedAtMs: null })
const back = makeCard('back')
const gone = makeCard('gone')
const error = (path: string) => ({ path, code: 'yaml-syntax' as const, message: 'bad' })

describe('foldBatches', () => {
  it('keeps the later of a removal and a put, for cards, files and errors alike', () => {
    const net = foldBatches([
      batch(1, { upsert: [back, gone], files: [entry('gone.md', gone.id)], errors: [error('fixed.md')] }),
      batch(2, { remove: [back.id, gone.id], removedFiles: ['gone.md', 'back.md'], clearedErrors: ['fixed.md', 'broken.md'] }),
      batch(3, { upsert: [back], files: [entry('back.md', back.id)], errors: [error('broken.md')] })
    ])
    expect([...net.upserts.keys()]).toEqual([back.id])
    expect([...net.removed]).toEqual([gone.id])
    expect([...net.files.keys()]).toEqual(['back.md'])
    expect([...net.removedFiles]).toEqual(['gone.md'])
    expect([...net.errors.keys()]).toEqual(['broken.md'])
    expect([...net.clearedErrors]).toEqual(['fixed.md'])
  })

  it('lets a put win over a removal in the same batch', () => {
    const net = foldBatches([batch(1, { remove: [back.id], upsert: [back], removedFiles: ['back.md'], files: [entry('back.md', back.id)] })])
    expect([...net.upserts.keys()]).toEqual([back.id])
    expect(net.removed.size).toBe(0)
    expect([...net.files.keys()]).toEqual(['back.md'])
    expect(net.removedFiles.size).toBe(0)
  })
})
