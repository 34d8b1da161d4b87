import { parseHttpUrl } from '../../../shared/http-url'

/**
 * The URL to hand to the system browser, or null when it must be refused.
 * Only http(s) URLs that `new URL()` parses are allowed; the parser also
 * lower-cases the scheme, so `JaVaScRiPt:` cannot slip through.
 * Credentials are refused: `https://bank.example@evil.example` is a phishing
 * trick, and a news link never needs them.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0) return null
  return parseHttpUrl(raw, { refuseCredentials: true })?.href ?? null
}
