// Canonical URLs, the way card ids are made (webUrl, else originalUrl; scheme
// and host lower-cased, fragment and utm_* dropped). A stand-in until
// src/shared/identity.ts lands, then this file re-exports it.

export function canonicalUrl(url: string): string | null {
  const text = url.trim()
  if (!/^https?:\/\//i.test(text)) return null
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return null
  }
  if (parsed.hostname === '') return null
  parsed.hash = ''
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !part.split('=', 1)[0].toLowerCase().startsWith('utm_'))
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`
  return parsed.href
}

interface UrlFields {
  webUrl: string | null
  originalUrl?: string | null
  ampWebUrl: string | null
  cdnAmpWebUrl: string | null
}

/** Every canonical URL a card or related item can be found under, without duplicates. */
export function cardSearchUrls(fields: UrlFields): string[] {
  const found = new Set<string>()
  for (const url of [fields.webUrl, fields.originalUrl ?? null, fields.ampWebUrl, fields.cdnAmpWebUrl]) {
    const canonical = url === null ? null : canonicalUrl(url)
    if (canonical !== null) found.add(canonical)
  }
  return [...found]
}
