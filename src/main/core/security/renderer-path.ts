import { realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './origins'

// Dot segments, raw or percent-encoded, anywhere in the path.
const DOT_SEGMENT = /(^|[/\\])(\.|%2e){1,2}([/\\?#]|$)/i
// Encoded separators and NUL would let a segment smuggle a path of its own.
const SMUGGLED = /%(2f|5c|00)/i

/**
 * The file under `rendererRoot` that an app-protocol request names, or null
 * when the request must be refused. Never returns a path outside the root:
 * `..` (raw or `%2e%2e`), encoded slashes, backslashes, NUL, drive letters and
 * absolute paths are refused before the path is joined, and the joined path
 * is checked again. `/` maps to index.html.
 */
export function resolveRendererPath(rendererRoot: string, requestUrl: string): string | null {
  const rawPath = rawPathOf(requestUrl)
  if (rawPath === null) return null
  if (DOT_SEGMENT.test(rawPath) || SMUGGLED.test(rawPath) || rawPath.includes('\\')) return null

  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null

  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  // A '%' left after decoding means double encoding; our build never names a file so.
  if (/[\0\\:%]/.test(decoded)) return null

  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '.' || segment === '..')) return null
  if (segments.length === 0) segments.push('index.html')

  const root = resolve(rendererRoot)
  const target = resolve(join(root, ...segments))
  return isInside(root, target) ? target : null
}

/**
 * Like resolveRendererPath, then follows symlinks and checks again, so a link
 * inside the build folder cannot point outside it. Null when refused or missing.
 */
export async function resolveRendererFile(rendererRoot: string, requestUrl: string): Promise<string | null> {
  const target = resolveRendererPath(rendererRoot, requestUrl)
  if (target === null) return null
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(rendererRoot), realpath(target)])
    return isInside(realRoot, realTarget) ? realTarget : null
  } catch {
    return null
  }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

// The path as the request spelled it, before URL parsing removes dot segments.
function rawPathOf(requestUrl: string): string | null {
  if (typeof requestUrl !== 'string') return null
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(requestUrl)
  return match ? match[1] : null
}
