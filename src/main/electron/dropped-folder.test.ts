import { describe, expect, it } from 'vitest'
import { DroppedFolder } from './dropped-folder'

describe('a dropped folder waiting for chooseFolder()', () => {
  it('is handed over once', () => {
    const dropped = new DroppedFolder()
    dropped.offer('/home/ana/cards', 1000)
    expect(dropped.take(1500)).toBe('/home/ana/cards')
    expect(dropped.take(1600)).toBeNull()
  })

  it('goes stale, so a later File > Open Folder shows the dialog', () => {
    const dropped = new DroppedFolder(10_000)
    dropped.offer('/home/ana/cards', 1000)
    expect(dropped.take(11_001)).toBeNull()
  })

  it('keeps only the latest drop', () => {
    const dropped = new DroppedFolder()
    dropped.offer('/a', 1)
    dropped.offer('/b', 2)
    expect(dropped.take(3)).toBe('/b')
  })
})
