import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Mark } from '../../../shared/contract'
import { JOURNAL_FILE_NAME, openMarkJournal } from './mark-journal'
import { scratchFolder } from '../testing/scratch-folder'

const mark = (id: string, updatedAt: number, read = true, starred = false): Mark => ({
  id,
  read,
  readAt: read ? updatedAt : null,
  starred,
  starredAt: starred ? updatedAt : null,
  updatedAt
})

const byId = (marks: Mark[]): Record<string, Mark> => Object.fromEntries(marks.map((m) => [m.id, m]))
const lines = async (dir: string): Promise<string[]> =>
  (await readFile(join(dir, JOURNAL_FILE_NAME), 'utf8')).split('\n').filter((line) => line !== '')

describe('mark journal', () => {
  const scratch = scratchFolder('tidings-journal-')

  it('round-trips marks through a reopened journal, newest updatedAt winning', async () => {
    const journal = openMarkJournal(scratch.path)
    await journal.append([mark('a', 10), mark('b', 10, false, true)])
    await journal.append([mark('a', 20, false), mark('b', 5, true, false)])
    await journal.close()

    const reopened = openMarkJournal(scratch.path)
    const marks = byId(await reopened.load())
    expect(Object.keys(marks).sort()).toEqual(['a', 'b'])
    expect(marks.a).toEqual(mark('a', 20, false))
    // The stale write (updatedAt 5) lost to the earlier star.
    expect(marks.b).toEqual(mark('b', 10, false, true))
    await reopened.close()
  })

  it('appends one line per effective mark and skips repeats', async () => {
    const journal = openMarkJournal(scratch.path)
    expect(await journal.append([mark('a', 1)])).toHaveLength(1)
    expect(await journal.append([mark('a', 1)])).toHaveLength(0)
    expect(await journal.append([mark('a', 0, false)])).toHaveLength(0)
    await journal.close()
    expect(await lines(scratch.path)).toHaveLength(1)
  })

  it('compacts superseded lines into one line per card, keeping every mark', async () => {
    const journal = openMarkJournal(scratch.path, { compactAfterSuperseded: 50 })
    for (let time = 1; time <= 60; time++) await journal.append([mark('a', time, time % 2 === 0), mark(`c${time % 3}`, time)])
    await journal.close()

    const written = await lines(scratch.path)
    expect(written.length).toBeLessThan(60)
    const reopened = openMarkJournal(scratch.path)
    const marks = byId(await reopened.load())
    expect(marks.a).toEqual(mark('a', 60, true))
    expect(Object.keys(marks).sort()).toEqual(['a', 'c0', 'c1', 'c2'])
    await reopened.compact()
    expect(await lines(scratch.path)).toHaveLength(4)
    await reopened.close()
  })

  it('tolerates a torn last line and garbage, and appends after it on a fresh line', async () => {
    const file = join(scratch.path, JOURNAL_FILE_NAME)
    await writeFile(file, JSON.stringify(mark('a', 1)) + '\nnot json\n{"id":"b","read":tr')
    const journal = openMarkJournal(scratch.path)
    expect(Object.keys(byId(await journal.load()))).toEqual(['a'])
    await journal.append([mark('c', 2)])
    await journal.close()

    const reopened = openMarkJournal(scratch.path)
    expect(Object.keys(byId(await reopened.load())).sort()).toEqual(['a', 'c'])
    await reopened.close()
  })

  it('ignores lines that are JSON but not marks', async () => {
    await appendFile(join(scratch.path, JOURNAL_FILE_NAME), '{"id":"x"}\n[1,2]\n' + JSON.stringify(mark('ok', 3)) + '\n')
    const journal = openMarkJournal(scratch.path)
    expect((await journal.load()).map((m) => m.id)).toEqual(['ok'])
    await journal.close()
  })

  it('starts empty when the data folder does not exist yet', async () => {
    const journal = openMarkJournal(join(scratch.path, 'nested', 'data'))
    expect(await journal.load()).toEqual([])
    await journal.append([mark('a', 1)])
    expect(await journal.load()).toHaveLength(1)
    await journal.close()
  })
})
