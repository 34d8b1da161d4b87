// A last check before an <img src>: only the cache's own answers load, never
// the card's URL or any other remote origin (the CSP would block it anyway).
export function isCacheSrc(src: string, originalUrl: string | null | undefined, pageOrigin = globalThis.location?.origin ?? ''): boolean {
  if (originalUrl && src === originalUrl) return false
  let parsed: URL
  try {
    parsed = new URL(src, pageOrigin || 'http://invalid.local')
  } catch {
    return false
  }
  if (parsed.protocol === 'tidings-image:') return true
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return pageOrigin !== '' && parsed.origin === pageOrigin
  return false
}
