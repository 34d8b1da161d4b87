// A card's identity. Read state hangs off the id, so it must survive a rename
// or a rewrite of the file: it comes from the story's URL whenever there is one.
import { parseHttpUrl } from './http-url'

/**
 * The canonical form of an http(s) URL: scheme and host lower-cased (the URL
 * parser does that), fragment and `utm_*` parameters dropped. Null when the
 * text is not an absolute http(s) URL.
 */
export function canonicalUrl(url: string): string | null {
  const text = url.trim()
  if (text === '' || !/^https?:\/\//i.test(text)) return null
  const parsed = parseHttpUrl(text)
  if (!parsed) return null
  parsed.hash = ''
  parsed.search = withoutTrackingParams(parsed.search)
  return parsed.href
}

// Filtered by hand rather than through URLSearchParams, which would re-encode
// the parameters that stay (`%20` -> `+`, `?a` -> `?a=`) and so change ids.
function withoutTrackingParams(search: string): string {
  if (search.length <= 1) return ''
  const kept = search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !isTrackingParam(part))
  return kept.length === 0 ? '' : `?${kept.join('&')}`
}

function isTrackingParam(part: string): boolean {
  const name = part.split('=', 1)[0]
  let decoded = name
  try {
    decoded = decodeURIComponent(name)
  } catch {
    // A malformed escape is not a tracking parameter; keep it as it is.
  }
  return decoded.toLowerCase().startsWith('utm_')
}

export const PATH_ID_PREFIX = 'path:'

/** The id of a card: its canonical webUrl, else its canonical originalUrl, else `path:<relPath>`. */
export function cardIdFor(fields: { webUrl: string | null; originalUrl: string | null }, relPath: string): string {
  const fromWeb = fields.webUrl === null ? null : canonicalUrl(fields.webUrl)
  if (fromWeb !== null) return fromWeb
  const fromOriginal = fields.originalUrl === null ? null : canonicalUrl(fields.originalUrl)
  if (fromOriginal !== null) return fromOriginal
  return `${PATH_ID_PREFIX}${relPath}`
}

/** True when the id was derived from the file's path (so a rename changes it). */
export function isPathId(id: string): boolean {
  return id.startsWith(PATH_ID_PREFIX)
}

interface UrlFields {
  webUrl: string | null
  originalUrl?: string | null
  ampWebUrl: string | null
  cdnAmpWebUrl: string | null
}

/**
 * Every canonical URL a card (or a related item) can be found under: web,
 * original, AMP and CDN AMP, without duplicates. Used to tell that a related
 * item's story is also a card in the folder.
 */
export function cardSearchUrls(card: UrlFields): string[] {
  const found = new Set<string>()
  for (const url of [card.webUrl, card.originalUrl ?? null, card.ampWebUrl, card.cdnAmpWebUrl]) {
    if (url === null) continue
    const canonical = canonicalUrl(url)
    if (canonical !== null) found.add(canonical)
  }
  return [...found]
}
