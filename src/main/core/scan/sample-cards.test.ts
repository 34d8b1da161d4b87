// The bundled sample folder is what a new user sees first: it must show every
// field and variant of the format, and exactly one broken card.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import { canonicalUrl, cardSearchUrls } from '../../../shared/identity'
import { scanFolder, type ScanResult } from './scan'

const SAMPLE = resolve('resources/sample-cards')
const SEED = '2022-01-29-china-cyberspace-regulator-issues-draft-rules-on-deep-fakes.md'

let result: ScanResult
let files: Card[]
const raw = new Map<string, string>()

beforeAll(async () => {
  result = await scanFolder(SAMPLE)
  files = result.scanned.flatMap((file) => (file.card === null ? [] : [file.card]))
  for (const file of result.scanned) raw.set(file.path, await readFile(join(SAMPLE, file.path), 'utf8'))
})

const rawOf = (card: Card) => raw.get(card.path)!

describe('the sample folder', () => {
  it('holds the seed card, about 30 invented cards and exactly one broken card', () => {
    expect(files.some((card) => card.path === SEED)).toBe(true)
    expect(files.filter((card) => card.path !== SEED).length).toBeGreaterThanOrEqual(30)
    expect(result.errors).toEqual([{ path: '2026-04-22-bridge-repairs-draft.md', code: 'no-closing-fence', message: expect.any(String), line: 1 }])
  })

  it('has video cards with no webUrl, identified by their YouTube URL', () => {
    const videos = files.filter((card) => card.type === 'video' && card.webUrl === null)
    expect(videos.length).toBeGreaterThanOrEqual(2)
    for (const video of videos) {
      expect(video.id).toMatch(/^https:\/\/youtube\.com\/watch\?v=/)
      expect(video.featuredContent).toMatch(/^<iframe .*youtube\.com\/embed\//)
    }
  })

  it('has cards with no images, and cards with long related lists', () => {
    expect(files.filter((card) => card.images.length === 0).length).toBeGreaterThanOrEqual(2)
    expect(Math.max(...files.map((card) => card.related.length))).toBeGreaterThanOrEqual(12)
    expect(files.filter((card) => card.related.length >= 4).length).toBeGreaterThanOrEqual(3)
  })

  it('has time-zone offsets, read as UTC', () => {
    const offsets = files.filter((card) => /^publishedDateTime: "?\d{4}-\d\d-\d\dT[\d:]+[-+]\d\d:\d\d/m.test(rawOf(card)))
    expect(offsets.some((card) => /-07:00/.test(rawOf(card)))).toBe(true)
    expect(offsets.some((card) => /\+05:30/.test(rawOf(card)))).toBe(true)
    const stadium = files.find((card) => card.path === '2025-11-30-stadium-trials-palm-scan-entry.md')!
    expect(stadium.publishedAt).toBe('2025-12-01T04:40:00.000Z')
  })

  it('has entities, NBSP and mojibake in the files, and none in the cards', () => {
    const all = [...raw.values()].join('\n')
    expect(all).toMatch(/&#8217;|&amp;|&#8220;/)
    expect(all).toContain('\u00a0')
    expect(all).toContain('\u00e2\u20ac')
    expect(all).toContain('\\r\\n')
    for (const card of files) {
      for (const text of [card.title, card.excerpt, ...card.related.flatMap((item) => [item.title, item.excerpt])]) {
        expect(text, card.path).not.toMatch(/&#?\w+;|\u00a0|\u00e2\u20ac|\r/)
      }
    }
    expect(files.find((card) => card.title.includes('first winter'))!.title).toContain('\u2018better than we hoped\u2019')
  })

  it('has older-style cards: no quality, no originalUrl, images with title and attribution', () => {
    const older = files.filter((card) => card.quality === null && card.originalUrl === null)
    expect(older.length).toBeGreaterThanOrEqual(2)
    expect(older.some((card) => card.images.some((image) => image.title !== undefined && image.attribution !== undefined))).toBe(true)
    expect(older.some((card) => card.publishedAt?.endsWith('T00:00:00.000Z'))).toBe(true)
  })

  it('has a card with a Markdown body', () => {
    expect(files.some((card) => /^## /m.test(card.body) && /\*\*/.test(card.body))).toBe(true)
  })

  it('has two copies of one card, in different folders', () => {
    const shared = result.copies.filter((group) => group.paths.length > 1)
    expect(shared).toHaveLength(1)
    expect(shared[0].paths).toEqual(['2025-12-02-winter-storms-test-the-new-flood-barriers.md', 'archive/2025-12-01-winter-storms-test-the-new-flood-barriers.md'])
    expect(shared[0].card.related.length).toBeGreaterThan(1)
  })

  it('has cards in subfolders', () => {
    expect(files.filter((card) => card.path.includes('/')).length).toBeGreaterThanOrEqual(4)
  })

  it('has related coverage that points at other cards in the folder', () => {
    const urlsInFolder = new Map<string, Card>()
    for (const card of files) for (const url of cardSearchUrls(card)) urlsInFolder.set(url, card)
    const links = files.flatMap((card) =>
      card.related.flatMap((item) => {
        const target = item.webUrl === null ? undefined : urlsInFolder.get(canonicalUrl(item.webUrl) ?? '')
        return target === undefined || target.id === card.id ? [] : [`${card.path} -> ${target.path}`]
      })
    )
    expect(links.length).toBeGreaterThanOrEqual(2)
  })

  it('spreads over topics, providers and 2025-2026', () => {
    const topics = new Set(files.flatMap((card) => card.topics))
    expect(topics.size).toBeGreaterThanOrEqual(8)
    expect(topics.size).toBeLessThanOrEqual(13)
    expect(new Set(files.map((card) => card.provider?.domain)).size).toBeGreaterThanOrEqual(10)
    const years = new Set(files.filter((card) => card.path !== SEED).map((card) => card.publishedAt?.slice(0, 4)))
    expect(years).toEqual(new Set(['2025', '2026']))
  })

  it('covers the remaining fields: AMP URLs, heat, published, secured, logos, unknown fields, image URL quirks', () => {
    expect(files.some((card) => card.ampWebUrl !== null && card.cdnAmpWebUrl !== null)).toBe(true)
    expect(files.some((card) => card.heat === null) && files.some((card) => card.heat !== null)).toBe(true)
    expect(files.some((card) => card.published === false) && files.some((card) => card.published === true)).toBe(true)
    expect(files.filter((card) => card.secured !== null).length).toBeGreaterThan(20)
    expect(files.some((card) => card.provider?.logo === null) && files.some((card) => card.provider?.logo !== null)).toBe(true)
    expect(files.some((card) => card.provider !== null && card.provider.name === card.provider.domain)).toBe(true)
    expect(files.some((card) => Object.keys(card.extra).length > 0)).toBe(true)
    expect(files.some((card) => card.excerpt === '')).toBe(true)
    const imageUrls = files.flatMap((card) => card.images.map((image) => image.url))
    expect(imageUrls.some((url) => url.startsWith('http://'))).toBe(true)
    expect(imageUrls.some((url) => url.includes('%20') && url.includes('&h=800'))).toBe(true)
  })

  it('uses only fictional hosts for invented images and logos', () => {
    for (const card of files.filter((c) => c.path !== SEED)) {
      for (const image of [...card.images, ...card.related.flatMap((item) => item.images)]) expect(image.url).toMatch(/^https?:\/\/images\.tidings\.example\//)
      if (card.provider?.logo) expect(card.provider.logo.url).toMatch(/^https:\/\/logos\.tidings\.example\/[\w.-]+-50x50\.png$/)
      expect(card.id).toMatch(/^https:\/\/(www\.[\w-]+\.example|youtube\.com)\//)
    }
  })
})
