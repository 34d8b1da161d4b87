import { describe, expect, it } from 'vitest'
import { imageUrlsOfCard } from './card-images'
import { hashOfUrl, isCacheHash } from './hash'
import { makeCard } from './testing/service-harness'

describe('imageUrlsOfCard', () => {
  it('puts the card’s own images first, then its logo, related images and their logos, each once', () => {
    const card = makeCard({
      id: 'a',
      images: ['https://x.example/1.jpg', 'https://x.example/2.jpg'],
      logo: 'https://x.example/logo.png',
      related: [{ images: ['https://y.example/r.jpg', 'https://x.example/1.jpg'], logo: 'https://y.example/logo.png' }, { logo: 'https://x.example/logo.png' }]
    })
    expect(imageUrlsOfCard(card)).toEqual({
      own: ['https://x.example/1.jpg', 'https://x.example/2.jpg'],
      related: ['https://x.example/logo.png', 'https://y.example/r.jpg', 'https://y.example/logo.png']
    })
  })

  it('keeps URLs exactly as the card names them and drops empty ones', () => {
    const card = makeCard({ id: 'b', images: ['https://i2.wp.com/a.png?resize=620%2C497&#038;ssl=1', '  ', ''] })
    expect(imageUrlsOfCard(card).own).toEqual(['https://i2.wp.com/a.png?resize=620%2C497&#038;ssl=1'])
  })

  it('copes with a card that has no images, provider or related items', () => {
    const card = { ...makeCard({ id: 'c' }), provider: null, images: [], related: [] }
    expect(imageUrlsOfCard(card)).toEqual({ own: [], related: [] })
  })
})

describe('hashOfUrl', () => {
  it('is the sha256 of the URL, a valid cache key', () => {
    expect(hashOfUrl('https://example.org/a.png')).toBe('077c887d094368c955d80cb3562e2e0284d1355693196dfdd87e42854ac81349')
    expect(isCacheHash(hashOfUrl('https://example.org/a.png'))).toBe(true)
    expect(hashOfUrl('https://example.org/a.png')).not.toBe(hashOfUrl('https://example.org/b.png'))
  })

  it('accepts only 64 lower-case hex digits as a cache key', () => {
    for (const bad of ['', '../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `${'a'.repeat(62)}/.`, `${'a'.repeat(63)}\n`, 42, null]) {
      expect(isCacheHash(bad)).toBe(false)
    }
  })
})
