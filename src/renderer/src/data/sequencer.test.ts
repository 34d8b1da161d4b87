import { describe, expect, it } from 'vitest'
import type { LibraryBatch } from '../../../shared/contract'
import { BatchSequencer } from './sequencer'

const batch = (seq: number): LibraryBatch => ({ folder: '/f', seq, upsert: [], remove: [], files: [], removedFiles: [], errors: [], clearedErrors: [] })
const seqs = (batches: LibraryBatch[]) => batches.map((b) => b.seq)

describe('BatchSequencer', () => {
  it('passes batches through in order and holds back one that overtook its predecessor', () => {
    const sequencer = new BatchSequencer()
    expect(seqs(sequencer.push(batch(7)).ready)).toEqual([7])
    expect(seqs(sequencer.push(batch(9)).ready)).toEqual([])
    expect(sequencer.hasGap).toBe(true)
    expect(seqs(sequencer.push(batch(10)).ready)).toEqual([])
    expect(seqs(sequencer.push(batch(8)).ready)).toEqual([8, 9, 10])
    expect(sequencer.hasGap).toBe(false)
  })

  it('flags a batch older than one already applied, which can no longer go in order', () => {
    const sequencer = new BatchSequencer()
    sequencer.push(batch(5))
    expect(sequencer.push(batch(4))).toEqual({ ready: [], outOfOrder: true })
    expect(sequencer.push(batch(5)).outOfOrder).toBe(true)
  })

  it('starts from a known next seq when told', () => {
    const sequencer = new BatchSequencer()
    sequencer.reset(3)
    expect(seqs(sequencer.push(batch(4)).ready)).toEqual([])
    expect(seqs(sequencer.push(batch(3)).ready)).toEqual([3, 4])
  })

  it('forgets held batches on reset, so the next batch sets the order again', () => {
    const sequencer = new BatchSequencer()
    sequencer.push(batch(1))
    sequencer.push(batch(3))
    sequencer.reset()
    expect(sequencer.hasGap).toBe(false)
    expect(seqs(sequencer.push(batch(1)).ready)).toEqual([1])
  })

  it('tells when every batch through a seq is handed on, and gives up on a reset', async () => {
    const sequencer = new BatchSequencer()
    sequencer.push(batch(1))
    await expect(sequencer.through(1)).resolves.toBe(true)
    const through3 = sequencer.through(3)
    let settled = false
    void through3.then(() => (settled = true))
    sequencer.push(batch(3))
    await Promise.resolve()
    expect(settled).toBe(false)
    sequencer.push(batch(2))
    await expect(through3).resolves.toBe(true)

    const through9 = sequencer.through(9)
    sequencer.reset()
    await expect(through9).resolves.toBe(false)
  })
})
