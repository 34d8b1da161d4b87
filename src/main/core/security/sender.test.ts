import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL } from './origins'
import { isTrustedSender } from './sender'

describe('isTrustedSender: IPC only from the app’s own main frame', () => {
  it('trusts the main frame at the app origin, whatever the path', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true)
    expect(isTrustedSender({ url: 'app://tidings/', isMainFrame: true })).toBe(true)
    expect(isTrustedSender({ url: 'app://tidings/index.html#/card/1', isMainFrame: true })).toBe(true)
  })

  it('refuses a subframe even at the app origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false)
  })

  it.each([
    'https://evil.example/',
    'http://tidings/',
    'file:///home/user/out/renderer/index.html',
    'app://tidings.evil.example/',
    'app://evil/',
    'app://tidings:8080/',
    'app://user@tidings/',
    'tidings-image://img/abc',
    'data:text/html,<p>hi</p>',
    'about:blank',
    '',
    'not a url'
  ])('refuses a main frame at %j', (url) => {
    expect(isTrustedSender({ url, isMainFrame: true })).toBe(false)
  })

  it('refuses a missing or destroyed frame', () => {
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })

  it('trusts another origin only when it is named (the dev server)', () => {
    const dev = { url: 'http://localhost:5173/', isMainFrame: true }
    expect(isTrustedSender(dev)).toBe(false)
    expect(isTrustedSender(dev, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, 'http://localhost:5173')).toBe(false)
  })
})
