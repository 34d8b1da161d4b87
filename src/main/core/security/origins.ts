// The renderer's origin. IndexedDB data (cards, read state) is bound to it,
// so it is chosen once and never changed.
export const APP_SCHEME = 'app'
export const APP_HOST = 'tidings'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

// Cached images are served under their own scheme so the CSP can name it.
export const IMAGE_SCHEME = 'tidings-image'
export const IMAGE_HOST = 'img'

/**
 * `scheme://host[:port]` of a URL. WHATWG `URL.origin` is "null" for custom
 * schemes such as app:, so it cannot be used to compare them. Null for a URL
 * that does not parse, has no host, or carries credentials.
 */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw)
    if (url.host === '' || url.username !== '' || url.password !== '') return null
    return `${url.protocol}//${url.host}`
  } catch {
    return null
  }
}
