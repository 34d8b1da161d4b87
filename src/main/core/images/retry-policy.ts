/** Why an image is not in the cache. Stable codes: the CLI groups by them and the UI may show them. */
export type FailureReason =
  | `http-${number}`
  | 'unsupported-url'
  /** The URL, a redirect or the address connected to is loopback, private, link-local... (see address-guard.ts). */
  | 'private-address'
  | 'refused-type'
  | 'empty'
  | 'too-large'
  | 'truncated'
  | 'timeout'
  | 'connect-timeout'
  | 'stalled'
  | 'network'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'cache-full'
  | 'io-error'

export interface RetryPolicy {
  /** Attempts in one go (with short backoff, holding the URL as pending) before it counts as failed. */
  attemptsBeforeFailed: number
  /** First backoff; doubles per consecutive failure. */
  baseDelayMs: number
  /** Longest backoff, and longest Retry-After honoured while pending; a longer one marks it failed. */
  maxDelayMs: number
  /** When a permanent failure (404, refused type, too large...) is tried again, in a later session. */
  permanentRetryMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptsBeforeFailed: 4,
  baseDelayMs: 1000,
  maxDelayMs: 6 * 60 * 60 * 1000,
  permanentRetryMs: 7 * 24 * 60 * 60 * 1000
}

/** Network trouble and server overload are worth retrying; a 404 or an SVG is not. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** Exponential backoff after the `attempts`-th consecutive failure, at least what the server asked. */
export function backoffMs(policy: RetryPolicy, attempts: number, retryAfterMs: number | null = null): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempts - 1)
  return Math.max(Math.min(exponential, policy.maxDelayMs), retryAfterMs ?? 0)
}
