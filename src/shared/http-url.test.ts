import { describe, expect, it } from 'vitest'
import { isWrittenHttpUrl, parseHttpUrl } from './http-url'

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

describe('isWrittenHttpUrl', () => {
  // Hosts and tails that come near the shortcut's edge: IPv4 and number-like labels, punycode, ports, credentials,
  // backslashes, empty labels, a trailing dot, spaces and odd characters in the path.
  const HOSTS = ['example.org', 'EXAMPLE.ORG', 'a-b.c-d.io', '1.2.3.4', '1.2.3.999', 'example.123', 'example.0x1f', 'xn--nxasmq6b.com', 'xn--a.com', 'a..b.com', '.a.com', 'a.com.', 'ex ample.com', 'user@a.com', 'a.com@b.com', 'a.com:80', 'a.com:99999', '[::1]', 'a_b.com', 'ex%41mple.com', 'é.com', 'a']
  const TAILS = ['', '/', '/a b', '/%zz', '?q=<>"', '#frag', '\\x', '/\u00e9', '/a\tb', ' /x', '?', '/x y z?a#b']

  it('agrees with the URL parser on every host and tail near the edges of its shortcut', () => {
    let accepted = 0
    for (const scheme of ['http://', 'https://', 'HTTPS://', 'ftp://', 'http:']) {
      for (const host of HOSTS) {
        for (const tail of TAILS) {
          const text = scheme + host + tail
          const parsed = /^https?:\/\/[^/\s]/i.test(text) && URL.canParse(text)
          expect(isWrittenHttpUrl(text), text).toBe(parsed)
          if (parsed) accepted++
        }
      }
    }
    expect(accepted).toBeGreaterThan(100)
  })
})
