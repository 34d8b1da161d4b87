import { describe, expect, it } from 'vitest'
import { safeExternalUrl } from './external-url'

describe('safeExternalUrl: which links may reach the system browser', () => {
  it.each([
    ['https://example.com/news/story?id=1', 'https://example.com/news/story?id=1'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['  https://example.com/padded  ', 'https://example.com/padded']
  ])('opens %s as %s', (raw, expected) => {
    expect(safeExternalUrl(raw)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.domain)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'DaTa:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'app://tidings/index.html',
    'tidings-image://img/abc',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:someone@example.com',
    'chrome://settings'
  ])('refuses the non-web URL %s', (raw) => {
    expect(safeExternalUrl(raw)).toBeNull()
  })

  it.each(['', 'not a url', 'https://', 'http://', '//example.com/no-scheme', '/relative/path', 'https://exa mple.com', 'http://[::1', 'https://%zz'])(
    'refuses the malformed URL %j',
    (raw) => {
      expect(safeExternalUrl(raw)).toBeNull()
    }
  )

  it('refuses URLs carrying credentials, the user@host phishing trick', () => {
    expect(safeExternalUrl('https://bank.example.com@evil.example/login')).toBeNull()
    expect(safeExternalUrl('https://user:secret@example.com/')).toBeNull()
  })

  it('refuses anything that is not a string', () => {
    expect(safeExternalUrl(undefined)).toBeNull()
    expect(safeExternalUrl(null)).toBeNull()
    expect(safeExternalUrl({ href: 'https://example.com' })).toBeNull()
    expect(safeExternalUrl(42)).toBeNull()
  })
})
