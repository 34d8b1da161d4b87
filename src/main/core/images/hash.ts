import { createHash } from 'node:crypto'

const CACHE_HASH = /^[0-9a-f]{64}$/

/** The cache key of an image URL: sha256 of the URL exactly as the card names it, lower-case hex. */
export function hashOfUrl(url: string): string {
  return createHash('sha256').update(url, 'utf8').digest('hex')
}

/** The same key as raw bytes, for looking a URL up in the index without a hex string. */
export function hashBytesOfUrl(url: string): Buffer {
  return createHash('sha256').update(url, 'utf8').digest()
}

/** True only for a well-formed cache key; anything else (dots, slashes, upper case) is refused. */
export function isCacheHash(value: unknown): value is string {
  return typeof value === 'string' && CACHE_HASH.test(value)
}
