import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { APP_PROTOCOL_CSP, CONTENT_SECURITY_POLICY } from './csp'

const directives = (policy: string) => new Map(policy.split(';').map((part) => {
  const [name, ...sources] = part.trim().split(/\s+/)
  return [name, sources] as const
}))

describe('the renderer CSP', () => {
  it('is the same string as the meta tag in the renderer page', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows nothing remote, no eval, and images only from self, data: and the image protocol', () => {
    const policy = directives(APP_PROTOCOL_CSP)
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'tidings-image:'])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(APP_PROTOCOL_CSP).not.toMatch(/unsafe-eval|https?:|\*/)
  })

  it('adds to the header only what a meta tag cannot carry', () => {
    expect(APP_PROTOCOL_CSP.startsWith(CONTENT_SECURITY_POLICY)).toBe(true)
    expect(directives(APP_PROTOCOL_CSP).get('frame-ancestors')).toEqual(["'none'"])
  })
})
