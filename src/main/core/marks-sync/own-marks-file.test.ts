import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeviceFileReader } from './device-file'
import type { FieldMark } from './mark-lines'
import { MergedMarks } from './merged-marks'
import { OwnMarksFile } from './own-marks-file'
import { scratchFolder } from '../testing/scratch-folder'

describe('a device’s own marks file', () => {
  const scratch = scratchFolder('tidings-own-marks-')

  it('is compacted past its size limit, and a device following it ends in the same state', async () => {
    const path = join(scratch.path, '.tidings', 'marks', 'dddddddddddddddd.jsonl')
    const own = new OwnMarksFile(path, 'dddddddddddddddd', 'Desk', 2048)
    await own.load()
    const follower = new DeviceFileReader(path, 'dddddddddddddddd')
    const seen = new MergedMarks()
    const written = new MergedMarks()
    let replaced = 0
    for (let i = 0; i < 300; i++) {
      const mark: FieldMark = { id: `card-${i % 7}`, field: i % 2 ? 'read' : 'starred', value: i % 3 === 0, stamp: { t: 1000 + i, c: 0, d: 'dddddddddddddddd' } }
      written.apply(mark)
      await own.append([mark])
      if (i % 10 === 0) {
        const read = await follower.readNew()
        if (read.replaced) replaced++
        for (const one of read.marks) seen.apply(one)
      }
    }
    for (const one of (await follower.readNew()).marks) seen.apply(one)
    expect(own.sizeBytes).toBeLessThanOrEqual(2048 + 100)
    expect(replaced).toBeGreaterThan(0)
    expect(seen.winners()).toEqual(written.winners())
    const text = await readFile(path, 'utf8')
    expect(text.split('\n')[0]).toBe('{"device":"dddddddddddddddd","name":"Desk"}')
    // Reopened, it knows what it wrote.
    const reopened = new OwnMarksFile(path, 'dddddddddddddddd', 'Desk', 2048)
    const again = new MergedMarks()
    for (const one of await reopened.load()) again.apply(one)
    expect(again.winners()).toEqual(written.winners())
    // Deleted by someone tidying up: the next mark starts the file again, name line first.
    await rm(path)
    const late: FieldMark = { id: 'card-new', field: 'read', value: true, stamp: { t: 5000, c: 0, d: 'dddddddddddddddd' } }
    await own.append([late])
    expect((await readFile(path, 'utf8')).split('\n')).toEqual(['{"device":"dddddddddddddddd","name":"Desk"}', '{"id":"card-new","read":true,"t":5000,"c":0}', ''])
  })
})
