import { describe, expect, it } from 'vitest'
import { parseHttpUrl } from './http-url'

describe('parseHttpUrl', () => {
  it('takes absolute http(s) URLs, whatever the case of the scheme', () => {
    expect(parseHttpUrl('https://example.org/a?b=1')?.href).toBe('https://example.org/a?b=1')
    expect(parseHttpUrl('HTTP://Example.org')?.href).toBe('http://example.org/')
  })

  it('refuses every other scheme, relative URLs and text that is no URL', () => {
    for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'data:image/png;base64,AA', 'ftp://example.org/a', '/relative/a.png', 'example.org', '']) {
      expect(parseHttpUrl(text), text).toBeNull()
    }
  })

  it('refuses a user:password@ part only when asked to', () => {
    expect(parseHttpUrl('https://bank.example@evil.example/')?.hostname).toBe('evil.example')
    expect(parseHttpUrl('https://bank.example@evil.example/', { refuseCredentials: true })).toBeNull()
    expect(parseHttpUrl('https://user:pw@example.org/', { refuseCredentials: true })).toBeNull()
  })
})
