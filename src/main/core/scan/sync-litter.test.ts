import { describe, expect, it, vi } from 'vitest'
import { CardFolder, cardText } from '../library/testing/card-folder'
import { EventLog } from '../library/testing/event-log'
import { LiveFolder } from '../watch/live-folder'
import { scanFolder } from './scan'
import { conflictCopyOf, isSyncFolder, isSyncTempFile } from './sync-litter'

describe('sync-tool litter', () => {
  it('knows the sync tools’ folders and temp files', () => {
    for (const name of ['.tidings', '.stfolder', '.stversions', '.dropbox.cache']) expect(isSyncFolder(name)).toBe(true)
    expect(isSyncFolder('news')).toBe(false)
    for (const name of ['~syncthing~2024-01-01-a.md.tmp', '.syncthing.2024-01-01-a.md.tmp', '.~lock.2024-01-01-a.md#', '.~2024-01-01-a.md']) expect(isSyncTempFile(name)).toBe(true)
    expect(isSyncTempFile('2024-01-01-a.md')).toBe(false)
  })

  it('names the card a conflict copy was made of', () => {
    expect(conflictCopyOf('2024-01-01-a.sync-conflict-20240102-101500-ABCDEF7.md')).toBe('2024-01-01-a.md')
    expect(conflictCopyOf("2024-01-01-a (Laptop's conflicted copy 2024-01-02).md")).toBe('2024-01-01-a.md')
    expect(conflictCopyOf('2024-01-01-a (conflicted copy 2024-01-02 (1)).md')).toBe('2024-01-01-a.md')
    expect(conflictCopyOf('2024-01-01-a.md')).toBeNull()
    expect(conflictCopyOf('2024-01-01 conflicted copy notes.md')).toBeNull()
  })
})

describe('a synced card folder', () => {
  it('lists a conflict copy of a card as an error naming the card, and the rest of the litter not at all', async () => {
    const folder = await CardFolder.create('tidings-synced-')
    try {
      await folder.write('2024-01-01-a.md', cardText({ title: 'A' }))
      await folder.write('2024-01-01-a.sync-conflict-20240102-101500-ABCDEF7.md', cardText({ title: 'A, edited elsewhere' }))
      await folder.write("news/2024-01-02-b (Laptop's conflicted copy 2024-01-03).md", cardText({ title: 'B copy' }))
      await folder.write('~syncthing~2024-01-04-c.md.tmp', cardText({ title: 'C half' }))
      await folder.write('.~2024-01-05-d.md', 'lock')
      await folder.write('.stfolder/.keep', '')
      await folder.write('.stversions/2024-01-01-a~20240101-000000.md', cardText({ title: 'old A' }))
      await folder.write('.dropbox.cache/old.md', cardText({ title: 'cached' }))
      await folder.write('.tidings/marks/aaaaaaaaaaaaaaaa.jsonl', '{"device":"aaaaaaaaaaaaaaaa","name":"Laptop"}\n')
      const result = await scanFolder(folder.path, { workers: 0 })
      expect(result.cards.map((card) => card.title)).toEqual(['A'])
      expect(result.errors.map((error) => [error.path, error.code, error.message.split(':')[0]])).toEqual([
        ['2024-01-01-a.sync-conflict-20240102-101500-ABCDEF7.md', 'sync-conflict', "a sync tool's conflict copy of 2024-01-01-a.md"],
        ["news/2024-01-02-b (Laptop's conflicted copy 2024-01-03).md", 'sync-conflict', "a sync tool's conflict copy of 2024-01-02-b.md"]
      ])
    } finally {
      await folder.dispose()
    }
  })
})

describe('a synced card folder, live', () => {
  it('shows a conflict copy that appears as an error, ignores a sync tool writing its marks and temp files, and drops the error when the copy is deleted', async () => {
    const folder = await CardFolder.create('tidings-synced-live-')
    const log = new EventLog()
    const live = new LiveFolder({ folder: folder.path, emit: log.emit, workers: 0, pollMs: 200, debounceMs: 40, maxWaitMs: 150 })
    try {
      await folder.write('2024-01-01-a.md', cardText({ title: 'A' }))
      await live.start()
      await live.sync([])
      const conflict = "2024-01-01-a (Laptop's conflicted copy 2024-01-02).md"
      await folder.write(conflict, cardText({ title: 'A, edited on the laptop' }))
      await folder.write('.tidings/marks/aaaaaaaaaaaaaaaa.jsonl', '{"device":"aaaaaaaaaaaaaaaa","name":"Laptop"}\n')
      await folder.write('~syncthing~2024-01-03-c.md.tmp', cardText({ title: 'C, half synced' }))
      await vi.waitFor(() => expect([...log.state.errors.values()].map((error) => error.message.split(':')[0])).toEqual(["a sync tool's conflict copy of 2024-01-01-a.md"]), { timeout: 5000 })
      expect([...log.state.cards.values()].map((card) => card.title)).toEqual(['A'])
      await folder.remove(conflict)
      await vi.waitFor(() => expect(log.state.errors.size).toBe(0), { timeout: 5000 })
      expect(log.of('watch-error')).toEqual([])
    } finally {
      await live.close()
      await folder.dispose()
    }
  })
})
