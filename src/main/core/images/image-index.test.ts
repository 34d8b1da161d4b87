import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashOfUrl } from './hash'
import { ImageIndex } from './image-index'
import { PAGE_SLOTS } from './paged-column'

// The index packs every image in typed arrays; these check that what goes in comes back out,
// through growth, a crowded lookup table and a restart, with URLs UTF-8 cannot carry as they are.
describe('the image index', () => {
  let dir: string
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'tidings-index-'))))
  afterEach(() => rm(dir, { recursive: true, force: true }))

  // Long enough names that the URLs fill more than one page of the arena.
  const urlOf = (i: number): string => `https://cdn${i % 7}.example.com/images/a-photo-of-the-day-with-a-long-name-${i}.jpg`

  it('finds every one of many entries by hash and by URL, with their fields, before and after a restart', async () => {
    // More than two pages of every column.
    const count = 2 * PAGE_SLOTS + 123
    const index = await ImageIndex.load(dir, 10)
    for (let i = 0; i < count; i++) {
      const entry = index.add(hashOfUrl(urlOf(i)), urlOf(i), i % 3 === 0 ? 'cached' : i % 3 === 1 ? 'failed' : 'pending')
      if (entry.state === 'cached') Object.assign(entry, { mime: i % 2 ? 'image/png' : 'image/jpeg', size: 1000 + i, lastUsed: 1_700_000_000_000 + i })
      if (entry.state === 'failed') Object.assign(entry, { reason: 'http-404', detail: `HTTP 404 from cdn${i % 7}.example.com`, retryAt: 1_800_000_000_000 + i, attempts: 2 })
      entry.pinned = i % 10 === 0
      index.changed(entry)
    }
    const check = (loaded: ImageIndex): void => {
      expect(loaded.size).toBe(count)
      for (let i = 0; i < count; i++) {
        const entry = loaded.get(hashOfUrl(urlOf(i)))!
        expect(entry.url).toBe(urlOf(i))
        expect(loaded.getByUrl(urlOf(i))?.hash).toBe(hashOfUrl(urlOf(i)))
        expect(entry.pinned).toBe(i % 10 === 0)
        // Every field of one in 11 (spread over every page): matching all 33k objects takes seconds.
        if (i % 11 !== 0) continue
        if (i % 3 === 0) expect(entry).toMatchObject({ state: 'cached', mime: i % 2 ? 'image/png' : 'image/jpeg', size: 1000 + i, lastUsed: 1_700_000_000_000 + i })
        if (i % 3 === 1) expect(entry).toMatchObject({ state: 'failed', reason: 'http-404', detail: `HTTP 404 from cdn${i % 7}.example.com`, retryAt: 1_800_000_000_000 + i, attempts: 2 })
        if (i % 3 === 2) expect(entry).toMatchObject({ state: 'pending', mime: undefined, size: undefined, retryAt: undefined, attempts: 0 })
      }
      expect(loaded.get(hashOfUrl('https://example.com/never-named.jpg'))).toBeUndefined()
      expect(loaded.getByUrl('https://example.com/never-named.jpg')).toBeUndefined()
    }
    check(index)
    await index.close()
    const reloaded = await ImageIndex.load(dir)
    check(reloaded)
    await reloaded.close()
    // 33k images and a restart take 15-40 s here while other work shares the two cores.
  }, 60_000)

  it('counts failed attempts up to 65535 and holds there', async () => {
    const index = await ImageIndex.load(dir, 10)
    const entry = index.add(hashOfUrl(urlOf(1)), urlOf(1), 'failed')
    entry.attempts = 65_534
    entry.attempts++
    expect(entry.attempts).toBe(65_535)
    entry.attempts++
    expect(entry.attempts).toBe(65_535)
    await index.close()
  })

  it('keeps URLs that UTF-8 cannot carry as they are, and names a URL found first by its file', async () => {
    const odd = 'https://example.com/\uD800broken.jpg'
    const short = 'http://a.b/c'
    const data = `data:image/png;base64,${'iVBO/Rw0K'.repeat(100)}`
    const unicode = 'https://example.com/café/日本.jpg'
    const index = await ImageIndex.load(dir, 10)
    const byFile = Object.assign(index.add(hashOfUrl(unicode), '', 'cached'), { mime: 'image/png', size: 10 })
    expect(index.getByUrl(unicode)).toBeUndefined()
    index.nameUrl(byFile, unicode)
    for (const url of [odd, short, data]) index.changed(index.add(hashOfUrl(url), url, 'pending'))
    await index.close()
    const reloaded = await ImageIndex.load(dir)
    for (const url of [odd, short, data]) expect(reloaded.get(hashOfUrl(url))?.url).toBe(url)
    expect(reloaded.getByUrl(unicode)?.url).toBe(unicode)
    await reloaded.close()
  })
})
