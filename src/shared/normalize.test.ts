import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { normalizeCard } from './normalize'

const fromYaml = (yaml: string, body = '', path = 'cards/2025-01-01-card.md') => normalizeCard(load(yaml) as Record<string, unknown>, body, path)

const FULL = `
category: news
title: "Tidal turbines pass their first winter: â€˜better than we hopedâ€™ &amp; more"
excerpt: "Line one&#8217;s text.\\r\\n\\r\\nLine\u00a0two ...\\n"
publishedDateTime: 2025-08-02T16:00:00-07:00
originalUrl: "https://www.Example.com/story?utm_source=feed"
webUrl: "HTTPS://WWW.EXAMPLE.COM/story#top"
ampWebUrl: "https://www.example.com/amp/story"
cdnAmpWebUrl: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/story"
type: Article
quality: 137
heat: 42
published: true
featuredContent: "<iframe src=\\"https://www.youtube.com/embed/x\\"></iframe>"
provider:
  name: "Pacific &amp; Co"
  domain: PacificDispatch.example
  images:
    - url: "https://logos.tidings.example/pacificdispatch.example-50x50.png"
      width: 50
      height: 50
topics:
  - Energy
  - "Ocean&nbsp;Science"
  - Energy
images:
  - url: "https://images.tidings.example/a.jpg?w=1&#038;h=2"
    width: 1200
    height: 675
    isCached: true
  - url: "http://images.tidings.example/b%20c.jpg"
    width: 640
    height: 480
    title: "Old &amp; new"
    attribution: "Photo: A. Person"
related:
  - title: "Other outlet&#8217;s take"
    excerpt: "NA"
    publishedDateTime: 2025-08-03T01:00:00+05:30
    webUrl: "https://other.example/take"
    ampWebUrl: "https://other.example/take?amp=1"
    cdnAmpWebUrl: "https://other-example.cdn.ampproject.org/c/s/other.example/take?amp=1"
    type: article
    provider:
      name: Other
      domain: other.example
    quality: 96
    images:
      - url: "https://images.tidings.example/r.jpg"
        width: 100
        height: 50
    syndicated: true
  - title: "No extras"
secured: "AAAA+bbb/ccc==;ddd=="
layout: post
reviewedAt: 2025-08-02T10:00:00Z
nested:
  when: 2025-01-01
  list: [1, .inf, null]
`

describe('normalizeCard: every field', () => {
  const card = fromYaml(FULL, '\r\n## Heading\r\n\r\nBody text.\r\n')

  it('takes the id from the canonical webUrl and keeps the path', () => {
    expect(card.id).toBe('https://www.example.com/story')
    expect(card.path).toBe('cards/2025-01-01-card.md')
    expect(card.aliases).toEqual([])
  })

  it('cleans the title and excerpt', () => {
    expect(card.title).toBe('Tidal turbines pass their first winter: \u2018better than we hoped\u2019 & more')
    expect(card.excerpt).toBe('Line one\u2019s text.\n\nLine two ...')
  })

  it('turns an offset timestamp into ISO UTC plus epoch ms', () => {
    expect(card.publishedAt).toBe('2025-08-02T23:00:00.000Z')
    expect(card.publishedAtMs).toBe(Date.UTC(2025, 7, 2, 23))
  })

  it('keeps the URLs as written (trimmed), not canonicalised', () => {
    expect(card.webUrl).toBe('HTTPS://WWW.EXAMPLE.COM/story#top')
    expect(card.originalUrl).toBe('https://www.Example.com/story?utm_source=feed')
    expect(card.ampWebUrl).toBe('https://www.example.com/amp/story')
    expect(card.cdnAmpWebUrl).toBe('https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/story')
  })

  it('keeps scalar fields, with the type lower-cased', () => {
    expect(card).toMatchObject({ category: 'news', type: 'article', quality: 137, heat: 42, published: true })
  })

  it('keeps featuredContent and secured raw', () => {
    expect(card.featuredContent).toBe('<iframe src="https://www.youtube.com/embed/x"></iframe>')
    expect(card.secured).toBe('AAAA+bbb/ccc==;ddd==')
  })

  it('takes the provider logo from provider.images[0] and lower-cases the domain', () => {
    expect(card.provider).toEqual({
      name: 'Pacific & Co',
      domain: 'pacificdispatch.example',
      logo: { url: 'https://logos.tidings.example/pacificdispatch.example-50x50.png', width: 50, height: 50 }
    })
  })

  it('cleans and de-duplicates topics', () => {
    expect(card.topics).toEqual(['Energy', 'Ocean Science'])
  })

  it('decodes image URLs and keeps the older title/attribution', () => {
    expect(card.images).toEqual([
      { url: 'https://images.tidings.example/a.jpg?w=1&h=2', width: 1200, height: 675 },
      { url: 'http://images.tidings.example/b%20c.jpg', width: 640, height: 480, title: 'Old & new', attribution: 'Photo: A. Person' }
    ])
  })

  it('normalises related items the same way, keeping their unknown fields', () => {
    expect(card.related).toHaveLength(2)
    expect(card.related[0]).toEqual({
      title: 'Other outlet\u2019s take',
      excerpt: '',
      publishedAt: '2025-08-02T19:30:00.000Z',
      publishedAtMs: Date.UTC(2025, 7, 2, 19, 30),
      webUrl: 'https://other.example/take',
      ampWebUrl: 'https://other.example/take?amp=1',
      cdnAmpWebUrl: 'https://other-example.cdn.ampproject.org/c/s/other.example/take?amp=1',
      type: 'article',
      provider: { name: 'Other', domain: 'other.example', logo: null },
      quality: 96,
      images: [{ url: 'https://images.tidings.example/r.jpg', width: 100, height: 50 }],
      extra: { syndicated: true }
    })
    expect(card.related[1]).toMatchObject({ title: 'No extras', excerpt: '', publishedAt: null, webUrl: null, provider: null, quality: null, images: [], extra: {} })
  })

  it('keeps unknown fields in extra, as plain JSON', () => {
    expect(card.extra).toEqual({ layout: 'post', reviewedAt: '2025-08-02T10:00:00.000Z', nested: { when: '2025-01-01T00:00:00.000Z', list: [1, null, null] } })
    expect(JSON.parse(JSON.stringify(card))).toEqual(card)
  })

  it('keeps the Markdown body with LF line ends', () => {
    expect(card.body).toBe('## Heading\n\nBody text.')
  })
})

describe('normalizeCard: variants', () => {
  it('a video card with no webUrl takes its id from the YouTube originalUrl', () => {
    const card = fromYaml(`
title: "A video"
publishedDateTime: 2019-08-19T21:00:10Z
originalUrl: "https://youtube.com/watch?v=WJk-Y8LQlfE"
type: video
featuredContent: "<iframe></iframe>"
`)
    expect(card.id).toBe('https://youtube.com/watch?v=WJk-Y8LQlfE')
    expect(card.webUrl).toBeNull()
    expect(card.type).toBe('video')
  })

  it('a card with no URL at all is identified by its path', () => {
    expect(fromYaml('title: x', '', 'sub/2025-01-01-x.md').id).toBe('path:sub/2025-01-01-x.md')
  })

  it('heat -1 means unknown', () => {
    expect(fromYaml('heat: -1').heat).toBeNull()
    expect(fromYaml('heat: 0').heat).toBe(0)
  })

  it('an older card (no quality, no originalUrl, midnight date) keeps what it has', () => {
    const card = fromYaml(`
title: Old
publishedDateTime: 2020-10-07T00:00:00Z
webUrl: "https://old.example/a"
`)
    expect(card).toMatchObject({ quality: null, originalUrl: null, publishedAt: '2020-10-07T00:00:00.000Z', images: [], related: [], provider: null, secured: null })
  })

  it('a quoted date string is read like an unquoted one', () => {
    expect(fromYaml('publishedDateTime: "2026-04-20T09:15:00+05:30"').publishedAt).toBe('2026-04-20T03:45:00.000Z')
  })

  it('a card missing every field still becomes a card with empty values', () => {
    const card = normalizeCard({}, '', 'empty-front-matter.md')
    expect(card).toMatchObject({ id: 'path:empty-front-matter.md', title: '', excerpt: '', publishedAt: null, type: 'article', topics: [], images: [], related: [], extra: {} })
  })

  it('tolerates odd shapes: a single topic, a string provider, a string image, numeric strings', () => {
    const card = normalizeCard({ topics: 'Space', provider: 'Orbit Watch', images: 'https://i.example/a.jpg', quality: '12', published: 'false', title: 2024 }, '', 'x.md')
    expect(card.topics).toEqual(['Space'])
    expect(card.provider).toEqual({ name: 'Orbit Watch', domain: '', logo: null })
    expect(card.images).toEqual([{ url: 'https://i.example/a.jpg', width: null, height: null }])
    expect(card.quality).toBe(12)
    expect(card.published).toBe(false)
    expect(card.title).toBe('2024')
  })

  it('drops links that are not http(s), so none reaches an href', () => {
    const card = normalizeCard({ webUrl: 'javascript:alert(1)', images: [{ url: 'data:image/png;base64,AA' }], related: [{ webUrl: 'vbscript:x' }] }, '', 'x.md')
    expect(card.webUrl).toBeNull()
    expect(card.images).toEqual([])
    expect(card.related[0].webUrl).toBeNull()
    expect(card.id).toBe('path:x.md')
  })

  it('keeps a __proto__ field as data, without touching prototypes', () => {
    const data = load('title: x\n__proto__:\n  polluted: true\n') as Record<string, unknown>
    const card = normalizeCard(data, '', 'x.md')
    expect(Object.getPrototypeOf(card.extra)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(JSON.stringify(card.extra)).toBe('{"__proto__":{"polluted":true}}')
  })

  it('is deterministic: the same input gives the same card', () => {
    expect(fromYaml(FULL)).toEqual(fromYaml(FULL))
  })
})
