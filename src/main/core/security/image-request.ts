import { IMAGE_HOST, IMAGE_SCHEME } from './origins'

const IMAGE_REQUEST = new RegExp(`^${IMAGE_SCHEME}://${IMAGE_HOST}/([0-9a-f]{64})$`)
/** The only types the cache stores; anything else is never served. */
export const SERVABLE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'])

/** Where the renderer loads a cached image from. */
export const imageSrcFor = (hash: string): string => `${IMAGE_SCHEME}://${IMAGE_HOST}/${hash}`

/**
 * The cache hash a `tidings-image://img/<hash>` request names, or null.
 * Matched on the raw string, so nothing the URL parser would normalise away
 * (dot segments, encodings, a query) is accepted.
 */
export function parseImageRequest(requestUrl: string): string | null {
  if (typeof requestUrl !== 'string') return null
  const match = IMAGE_REQUEST.exec(requestUrl)
  return match ? match[1] : null
}

/** A cached file as the image service finds it by hash. */
export interface CachedImage {
  path: string
  /** The type sniffed from the file's first bytes. */
  mime: string
}

export type ImageServing = { status: 200; path: string; contentType: string } | { status: 404 }

/**
 * What the image protocol answers: the cached file with its sniffed type, or
 * 404 for a malformed request, an unknown hash, or a type the cache must never
 * hold. The path comes from the cache's own lookup, never from the URL.
 */
export async function decideImageServing(requestUrl: string, lookup: (hash: string) => Promise<CachedImage | null>): Promise<ImageServing> {
  const hash = parseImageRequest(requestUrl)
  if (hash === null) return { status: 404 }
  const found = await lookup(hash)
  if (!found || !SERVABLE_IMAGE_TYPES.has(found.mime)) return { status: 404 }
  return { status: 200, path: found.path, contentType: found.mime }
}
