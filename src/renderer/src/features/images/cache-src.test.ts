import { describe, expect, it } from 'vitest'
import { isCacheSrc } from './cache-src'

const page = 'http://127.0.0.1:4173'

describe('isCacheSrc', () => {
  it('accepts the Electron image protocol and same-origin routes of the browser host', () => {
    expect(isCacheSrc('tidings-image://3f9a', 'https://cdn.example/a.jpg', page)).toBe(true)
    expect(isCacheSrc('/images/3f9a?token=x', 'https://cdn.example/a.jpg', page)).toBe(true)
    expect(isCacheSrc('http://127.0.0.1:4173/images/3f9a', null, page)).toBe(true)
  })

  it('refuses the card URL itself, other origins and other schemes', () => {
    expect(isCacheSrc('https://cdn.example/a.jpg', 'https://cdn.example/a.jpg', page)).toBe(false)
    expect(isCacheSrc('https://cdn.example/b.jpg', 'https://cdn.example/a.jpg', page)).toBe(false)
    expect(isCacheSrc('javascript:alert(1)', null, page)).toBe(false)
    expect(isCacheSrc('file:///etc/passwd', null, page)).toBe(false)
  })
})
