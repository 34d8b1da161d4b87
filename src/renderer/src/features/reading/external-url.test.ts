import { describe, expect, it } from 'vitest'
import { externalUrl, originalOf, videoUrlOf } from './external-url'

describe('externalUrl', () => {
  it('accepts http and https, in any casing', () => {
    expect(externalUrl('https://www.jurist.org/news/')).toBe('https://www.jurist.org/news/')
    expect(externalUrl(' HTTP://Example.com/a b')).toBe('http://example.com/a%20b')
  })

  it('refuses every other scheme and anything that is not a URL', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>', 'vbscript:x', 'ftp://x.org/', '//example.com', 'example.com', '', null, undefined, 'http://']) {
      expect(externalUrl(bad)).toBeNull()
    }
  })
})

describe('originalOf / videoUrlOf', () => {
  it('prefers the web page for an article and the original for a video', () => {
    const card = { webUrl: 'https://news.example/story', originalUrl: 'https://www.youtube.com/watch?v=abc' }
    expect(originalOf(card)).toBe('https://news.example/story')
    expect(videoUrlOf(card)).toBe('https://www.youtube.com/watch?v=abc')
  })

  it('falls back when the web page is missing or unsafe', () => {
    expect(originalOf({ webUrl: null, originalUrl: 'https://www.youtube.com/watch?v=abc' })).toBe('https://www.youtube.com/watch?v=abc')
    expect(originalOf({ webUrl: 'javascript:alert(1)', originalUrl: null })).toBeNull()
    expect(videoUrlOf({ webUrl: 'https://a.example/v', originalUrl: 'file:///x' })).toBe('https://a.example/v')
  })
})
