import { describe, expect, it } from 'vitest'
import { relatedItemUrls, searchTextOf, toCardRow, toRelatedRows } from './card-row'
import { makeCard, makeRelated } from './testing/cards'

describe('toCardRow', () => {
  const card = makeCard('deep-fakes', {
    title: 'China Regulates DEEP Fakes',
    excerpt: 'Draft Rules',
    webUrl: 'HTTPS://Jurist.ORG/news/deep-fakes?utm_source=feed#top',
    originalUrl: 'https://www.jurist.org/news/deep-fakes/',
    ampWebUrl: 'https://amp.jurist.org/news/deep-fakes',
    provider: { name: 'Jurist', domain: 'jurist.org', logo: { url: 'https://jurist.org/logo.png', width: 50, height: 50 } },
    images: [
      { url: 'https://jurist.org/a.jpg', width: 1280, height: 888, attribution: 'AP' },
      { url: 'https://jurist.org/b.jpg', width: null, height: null }
    ],
    related: [makeRelated('one', { title: 'Beijing Targets Deepfakes' }), makeRelated('two')],
    body: 'A long body that stays out of the row',
    secured: 'cipher;iv'
  })
  const row = toCardRow('/cards', card)

  it('keeps the light fields the list, facets and sorting need', () => {
    expect(row).toMatchObject({
      folder: '/cards',
      id: card.id,
      path: card.path,
      title: 'China Regulates DEEP Fakes',
      providerName: 'Jurist',
      providerDomain: 'jurist.org',
      providerLogo: 'https://jurist.org/logo.png',
      topics: ['AI'],
      type: 'article',
      quality: 50,
      heat: null,
      thumbnail: { url: 'https://jurist.org/a.jpg', width: 1280, height: 888 },
      relatedCount: 2
    })
    expect(JSON.stringify(row)).not.toMatch(/long body|cipher/)
  })

  it('holds every canonical URL of the card, to find it from a related item', () => {
    expect(row.urls).toEqual(
      expect.arrayContaining(['https://jurist.org/news/deep-fakes', 'https://www.jurist.org/news/deep-fakes/', 'https://amp.jurist.org/news/deep-fakes'])
    )
  })

  it('makes a lower-cased haystack of title, excerpt and related titles', () => {
    expect(row.searchText).toBe('china regulates deep fakes\ndraft rules\nbeijing targets deepfakes\ncoverage two')
  })

  it('gives a card without provider or images empty fields rather than failing', () => {
    const bare = toCardRow('/cards', makeCard('bare', { provider: null, images: [], webUrl: null, originalUrl: null, id: 'path:bare.md' }))
    expect(bare).toMatchObject({ providerName: '', providerLogo: null, thumbnail: null, urls: [] })
  })
})

describe('toRelatedRows', () => {
  it('gives one row per related item with its canonical URL', () => {
    const card = makeCard('x', { related: [makeRelated('a', { webUrl: null, ampWebUrl: 'https://amp.example.org/a#x' }), makeRelated('b', { webUrl: 'not a url' })] })
    expect(toRelatedRows('/f', card).map((row) => [row.index, row.url])).toEqual([
      [0, 'https://amp.example.org/a'],
      [1, null]
    ])
  })

  it('gives each row the first URL the item is found under, the same as relatedItemUrls', () => {
    const items = [
      makeRelated('web', { webUrl: 'https://news.example.org/web?utm_source=x', ampWebUrl: 'https://amp.example.org/web' }),
      makeRelated('bad-web', { webUrl: 'ftp://news.example.org/x', ampWebUrl: 'not a url', cdnAmpWebUrl: 'https://cdn.example.org/x' }),
      makeRelated('none', { webUrl: null, ampWebUrl: null, cdnAmpWebUrl: null })
    ]
    const rows = toRelatedRows('/f', makeCard('y', { related: items }))
    expect(rows.map((row) => row.url)).toEqual(items.map((item) => relatedItemUrls(item)[0] ?? null))
    expect(rows.map((row) => row.url)).toEqual(['https://news.example.org/web', 'https://cdn.example.org/x', null])
  })
})

describe('searchTextOf', () => {
  // V8's serializer writes a string as it is stored: one byte a character, or two.
  const storedOneByte = async (text: string): Promise<boolean> => {
    const moduleName = 'node:v8'
    const v8 = (await import(moduleName)) as { serialize(value: unknown): Uint8Array }
    // After the two header bytes (and any padding zeros): '"' a one-byte string, 'c' a two-byte one.
    const bytes = v8.serialize(text)
    let at = 2
    while (bytes[at] === 0) at++
    return bytes[at] === 0x22
  }

  it('folds typographic punctuation and keeps the haystack one byte a character', async () => {
    const text = searchTextOf(makeCard('q', { title: 'Don\u2019t \u201cpanic\u201d', excerpt: 'Caf\u00e9 news', related: [makeRelated('r', { title: 'It\u2019s here \u2014 live' })] }))
    expect(text).toBe('don\'t "panic"\ncaf\u00e9 news\nit\'s here - live')
    expect(text.split('\n')[0]).toHaveLength('Don\u2019t \u201cpanic\u201d'.length)
    expect(await storedOneByte(text)).toBe(true)
    expect(await storedOneByte('don\u2019t panic')).toBe(false)
  })
})
