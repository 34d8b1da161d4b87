import { randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh secret for one host run: 32 random bytes, base64url. */
export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
