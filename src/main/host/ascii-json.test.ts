import { describe, expect, it } from 'vitest'
import { asciiJsonBytes } from './ascii-json'

const isAscii = (bytes: Uint8Array): boolean => bytes.every((byte) => byte < 0x80)

describe('asciiJsonBytes', () => {
  it('writes every character beyond ASCII as an escape that parses back to it', () => {
    // Two-, three- and four-byte UTF-8, a line separator, a lone surrogate (JSON.stringify escapes it itself).
    const value = { title: '“Naïve” café — 日本 😀 \u2028 end', lone: 'a\ud800b', plain: 'ascii only', list: ['é', 'ß'] }
    const bytes = asciiJsonBytes(JSON.stringify(value))
    expect(isAscii(bytes)).toBe(true)
    expect(JSON.parse(bytes.toString('latin1'))).toEqual(value)
    expect(bytes.toString('latin1')).toContain('\\u201cNa\\u00efve\\u201d')
    expect(bytes.toString('latin1')).toContain('\\ud83d\\ude00')
  })

  it('leaves ASCII JSON as it is', () => {
    const json = JSON.stringify({ id: 'https://example.com/a?b=1', n: [1, 2] })
    expect(asciiJsonBytes(json).toString('latin1')).toBe(json)
  })
})
