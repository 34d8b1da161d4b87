import { describe, expect, it } from 'vitest'
import { canonicalUrl, cardIdFor, cardSearchUrls, isPathId } from './identity'

describe('canonicalUrl', () => {
  it('lower-cases the scheme and host but keeps the path as written', () => {
    expect(canonicalUrl('HTTPS://WWW.Example.COM/News/Story-One')).toBe('https://www.example.com/News/Story-One')
  })

  it('drops the fragment and utm_* parameters, keeping the others in order and spelling', () => {
    expect(canonicalUrl('https://example.com/a?id=7&utm_source=feed&UTM_Medium=x&q=a%20b#top')).toBe('https://example.com/a?id=7&q=a%20b')
    expect(canonicalUrl('https://example.com/a?utm_campaign=spring')).toBe('https://example.com/a')
    expect(canonicalUrl('https://example.com/a?flag')).toBe('https://example.com/a?flag')
  })

  it('gives one form for URLs that differ only in tracking, case or fragment', () => {
    const forms = ['https://News.example.org/x?utm_source=a', 'https://news.example.org/x#comments', 'HTTPS://news.example.org/x']
    expect(new Set(forms.map(canonicalUrl)).size).toBe(1)
  })

  it('is null for anything that is not an absolute http(s) URL', () => {
    for (const bad of ['', '   ', 'not a url', '/relative/path', 'javascript:alert(1)', 'ftp://example.com/x', 'mailto:a@b.c', 'https://', 'http://exa mple.com/']) {
      expect(canonicalUrl(bad), bad).toBeNull()
    }
  })
})

describe('cardIdFor', () => {
  it('prefers the webUrl, then the originalUrl, then the path', () => {
    expect(cardIdFor({ webUrl: 'https://A.example/x#f', originalUrl: 'https://b.example/y' }, 'a.md')).toBe('https://a.example/x')
    expect(cardIdFor({ webUrl: null, originalUrl: 'https://youtube.com/watch?v=abc&utm_source=x' }, 'v.md')).toBe('https://youtube.com/watch?v=abc')
    expect(cardIdFor({ webUrl: 'not a url', originalUrl: null }, 'sub/c.md')).toBe('path:sub/c.md')
    expect(isPathId('path:sub/c.md')).toBe(true)
    expect(isPathId('https://a.example/x')).toBe(false)
  })

  it('does not depend on the path when the card has a URL (a rename keeps the id)', () => {
    const fields = { webUrl: 'https://a.example/story', originalUrl: null }
    expect(cardIdFor(fields, '2025-01-01-old-name.md')).toBe(cardIdFor(fields, 'moved/2025-01-02-new-name.md'))
  })
})

describe('cardSearchUrls', () => {
  it('lists the canonical web, original, AMP and CDN AMP URLs once each', () => {
    const urls = cardSearchUrls({
      webUrl: 'https://Example.com/s?utm_source=x',
      originalUrl: 'https://example.com/s',
      ampWebUrl: 'https://example.com/amp/s',
      cdnAmpWebUrl: 'https://example-com.cdn.ampproject.org/c/s/example.com/amp/s'
    })
    expect(urls).toEqual(['https://example.com/s', 'https://example.com/amp/s', 'https://example-com.cdn.ampproject.org/c/s/example.com/amp/s'])
  })

  it('works on related items, which have no originalUrl', () => {
    expect(cardSearchUrls({ webUrl: 'https://example.com/r', ampWebUrl: null, cdnAmpWebUrl: null })).toEqual(['https://example.com/r'])
  })
})
