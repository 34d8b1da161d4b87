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
  if (PLAIN_HTTP_URL.test(text) && !text.includes('xn--')) return true
  return /^https?:\/\/[^/\s]/i.test(text) && URL.canParse(text)
}

// A URL the parser certainly takes, told without it (a card's related items hold a few hundred URLs): only
// the host can make an http(s) URL fail to parse (a path, query or fragment never does), and a host of
// ASCII letters, digits and hyphens in non-empty labels, ending in a label of letters, is a domain that
// is neither an IPv4 address nor punycode (`xn--`, excluded above). Anything else goes to URL.canParse.
const PLAIN_HTTP_URL = /^https?:\/\/(?:[a-z0-9-]+\.)+[a-z]+(?:[/?#]\S*)?$/i
