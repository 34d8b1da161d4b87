import type { IncomingMessage } from 'node:http'

export interface GuardVerdict {
  ok: boolean
  status: number
  reason: string
}

const allowed: GuardVerdict = { ok: true, status: 200, reason: '' }
const refuse = (reason: string, status = 403): GuardVerdict => ({ ok: false, status, reason })

/** Host names the page may be reached under. Anything else is a DNS-rebinding attempt. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

/**
 * Refuses requests that did not come from our own page: a foreign Host header
 * (DNS rebinding), a foreign Origin, or a browser saying the request is cross-site.
 */
export function guardRequest(req: IncomingMessage, port: number): GuardVerdict {
  const host = req.headers.host
  if (!host || !allowedHosts(port).includes(host.toLowerCase())) return refuse('Host not allowed')
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) return refuse('Origin not allowed')
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return refuse('Cross-site request refused')
  return allowed
}
