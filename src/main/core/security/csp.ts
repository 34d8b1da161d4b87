import { IMAGE_SCHEME } from './origins'

/**
 * The renderer's Content-Security-Policy, exactly as the meta tag in
 * src/renderer/index.html spells it (a test keeps the two equal).
 * Images come only from the app, data: and the cached-image protocol; nothing
 * remote, no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `img-src 'self' data: ${IMAGE_SCHEME}:`,
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'"
].join('; ')

/**
 * What the app protocol sends as a header: the same policy plus the directives
 * a meta tag cannot carry.
 */
export const APP_PROTOCOL_CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'; form-action 'none'`
