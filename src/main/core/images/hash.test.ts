import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashBytesOfUrl, hashOfUrl } from './hash'

describe('the cache key of a URL', () => {
  it('is sha256 of the URL as UTF-8, in hex and as bytes, for odd URLs too', () => {
    for (const url of ['https://example.com/a.jpg', 'https://example.com/café/日本.jpg', 'https://example.com/\uD800broken.jpg', '']) {
      const expected = createHash('sha256').update(url, 'utf8').digest()
      expect(hashOfUrl(url)).toBe(expected.toString('hex'))
      expect(Buffer.compare(hashBytesOfUrl(url), expected)).toBe(0)
    }
  })
})
