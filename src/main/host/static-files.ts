import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import type { ServerResponse } from 'node:http'

// Only what electron-vite emits for the renderer; anything else is served as bytes.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8'
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'))
}

/**
 * Maps a URL path to a file under `root`, or null when it would leave the folder
 * (`..`, encoded separators, NUL bytes, symlinks pointing out).
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment === '.')) return null
  const realRoot = await realpath(root)
  const candidate = join(realRoot, ...(segments.length === 0 ? ['index.html'] : segments))
  if (!isInside(realRoot, candidate)) return null
  try {
    const real = await realpath(candidate)
    if (!isInside(realRoot, real)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export async function sendFile(res: ServerResponse, file: string, contentType: string, cacheControl: string): Promise<void> {
  const info = await stat(file)
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': info.size, 'Cache-Control': cacheControl })
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file)
    stream.on('error', () => {
      res.destroy()
      resolve()
    })
    stream.on('end', resolve)
    stream.pipe(res)
  })
}
