// The one check for "is this an http(s) URL": card fields are untrusted, so
// javascript:, file:, data: and relative URLs never reach a link, the system
// browser or a download.

/**
 * The URL parsed, when it is absolute http(s) with a host; null otherwise. The
 * parser lower-cases the scheme, so `JaVaScRiPt:` cannot slip through. With
 * `refuseCredentials`, a `user:password@` part is refused too: it is a phishing
 * trick (`https://bank.example@evil.example`), and a news link never needs one.
 */
export function parseHttpUrl(text: string, { refuseCredentials = false } = {}): URL | null {
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  if (parsed.hostname === '') return null
  if (refuseCredentials && (parsed.username !== '' || parsed.password !== '')) return null
  return parsed
}

/**
 * True when `text` is written out in full as an absolute http(s) URL with a host (the parser alone would also
 * take `http:example.org`) and parses. Builds no URL object: a card holds dozens of URLs.
 */
export function isWrittenHttpUrl(text: string): boolean {
  return /^https?:\/\/[^/\s]/i.test(text) && URL.canParse(text)
}
