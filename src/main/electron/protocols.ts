import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { APP_PROTOCOL_CSP } from '../core/security/csp'
import { decideImageServing, type CachedImage } from '../core/security/image-request'
import { APP_SCHEME, IMAGE_SCHEME } from '../core/security/origins'
import { resolveRendererFile } from '../core/security/renderer-path'

/**
 * Must run before the app is ready. The app scheme is standard and secure so
 * the renderer gets a real origin (IndexedDB refuses opaque ones); images get a
 * scheme of their own so the CSP can allow exactly them.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true } }
  ])
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })

/** Serves a local file (Chromium picks its type by extension unless one is given) with extra headers. */
async function serveFile(path: string, headers: Record<string, string>, contentType?: string): Promise<Response> {
  const file = await net.fetch(pathToFileURL(path).href)
  if (!file.ok) return notFound()
  const type = contentType ?? file.headers.get('Content-Type') ?? 'application/octet-stream'
  return new Response(file.body, { status: 200, headers: { ...headers, 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' } })
}

/** app://tidings/… serves the renderer build folder and nothing outside it, with the CSP as a header. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 })
    const file = await resolveRendererFile(rendererRoot, request.url)
    if (file === null) return notFound()
    return serveFile(file, { 'Content-Security-Policy': APP_PROTOCOL_CSP, 'Cross-Origin-Opener-Policy': 'same-origin', 'Cache-Control': 'no-cache' }).catch(notFound)
  })
}

/** tidings-image://img/<hash> serves a cached image with its sniffed type; 404 for anything not cached. */
export function handleImageProtocol(lookup: (hash: string) => Promise<CachedImage | null>): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 })
    const serving = await decideImageServing(request.url, lookup).catch(() => ({ status: 404 }) as const)
    if (serving.status !== 200) return notFound()
    // Cached files never change (named by the URL's hash), so the renderer may keep them.
    return serveFile(serving.path, { 'Cache-Control': 'private, max-age=31536000, immutable' }, serving.contentType).catch(notFound)
  })
}
