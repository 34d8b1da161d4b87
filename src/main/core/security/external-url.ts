const ALLOWED_PROTOCOLS = new Set(['http:', 'https:'])

/**
 * The URL to hand to the system browser, or null when it must be refused.
 * Only http(s) URLs that `new URL()` parses are allowed; the parser also
 * lower-cases the scheme, so `JaVaScRiPt:` cannot slip through.
 * Credentials are refused: `https://bank.example@evil.example` is a phishing
 * trick, and a news link never needs them.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null
  if (url.hostname === '') return null
  if (url.username !== '' || url.password !== '') return null
  return url.href
}
