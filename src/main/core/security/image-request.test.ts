import { describe, expect, it } from 'vitest'
import { decideImageServing, imageSrcFor, parseImageRequest, type CachedImage } from './image-request'

const hash = 'a'.repeat(40) + '0123456789abcdef01234567'
const cached: Record<string, CachedImage> = {
  [hash]: { path: '/cache/images/' + hash, mime: 'image/webp' },
  ['b'.repeat(64)]: { path: '/cache/images/' + 'b'.repeat(64), mime: 'image/svg+xml' },
  ['c'.repeat(64)]: { path: '/cache/images/' + 'c'.repeat(64), mime: 'text/html' }
}
const lookup = async (key: string): Promise<CachedImage | null> => cached[key] ?? null

describe('parseImageRequest', () => {
  it('round-trips the src the renderer is given', () => {
    expect(imageSrcFor(hash)).toBe(`tidings-image://img/${hash}`)
    expect(parseImageRequest(imageSrcFor(hash))).toBe(hash)
  })

  it.each([
    `tidings-image://img/${hash.toUpperCase()}`,
    `tidings-image://img/${hash.slice(1)}`,
    `tidings-image://img/${hash}0`,
    `tidings-image://img/${hash}/`,
    `tidings-image://img/${hash}?v=1`,
    `tidings-image://img/${hash}#x`,
    `tidings-image://other/${hash}`,
    `tidings-image://user@img/${hash}`,
    `tidings-image://img/../${hash}`,
    `tidings-image://img/%2e%2e/${hash}`,
    `tidings-image://img/..%2f..%2fetc%2fpasswd`,
    'tidings-image://img/../../etc/passwd',
    `app://img/${hash}`,
    `https://img/${hash}`,
    'tidings-image://img/',
    'not a url'
  ])('refuses %s', (url) => {
    expect(parseImageRequest(url)).toBeNull()
  })
})

describe('decideImageServing: the image protocol', () => {
  it('serves a cached image from the cache’s own path with its sniffed type', async () => {
    expect(await decideImageServing(imageSrcFor(hash), lookup)).toEqual({ status: 200, path: cached[hash].path, contentType: 'image/webp' })
  })

  it('answers 404 for an unknown hash', async () => {
    expect(await decideImageServing(imageSrcFor('d'.repeat(64)), lookup)).toEqual({ status: 404 })
  })

  it('answers 404 for a traversal, without asking the cache', async () => {
    const asked: string[] = []
    const spy = async (key: string) => {
      asked.push(key)
      return lookup(key)
    }
    expect(await decideImageServing('tidings-image://img/../../etc/passwd', spy)).toEqual({ status: 404 })
    expect(await decideImageServing('tidings-image://img/%2e%2e%2f%2e%2e%2fetc%2fpasswd', spy)).toEqual({ status: 404 })
    expect(asked).toEqual([])
  })

  it('answers 404 for a cached file of a type that must never be served', async () => {
    expect(await decideImageServing(imageSrcFor('b'.repeat(64)), lookup)).toEqual({ status: 404 })
    expect(await decideImageServing(imageSrcFor('c'.repeat(64)), lookup)).toEqual({ status: 404 })
  })
})
