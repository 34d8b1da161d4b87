import { describe, expect, it } from 'vitest'
import { CardFolder, cardText } from '../library/testing/card-folder'
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
