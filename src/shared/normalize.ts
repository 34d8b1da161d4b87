// Turns a card's parsed front matter into the normalised `Card`. Pure: the
// same data, body and path always give the same card.
import type { Card, ImageRef, ProviderRef, RelatedItem } from './card'
import { toUtcDate } from './dates'
import { cardIdFor } from './identity'
import { cleanExcerpt, cleanLine, cleanUrl } from './text'

const CARD_FIELDS = new Set([
  'category',
  'title',
  'excerpt',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'ampWebUrl',
  'cdnAmpWebUrl',
  'type',
  'quality',
  'heat',
  'published',
  'featuredContent',
  'provider',
  'topics',
  'images',
  'related',
  'secured'
])

const RELATED_FIELDS = new Set([
  'title',
  'excerpt',
  'publishedDateTime',
  'webUrl',
  'ampWebUrl',
  'cdnAmpWebUrl',
  'type',
  'provider',
  'quality',
  'images'
])

export function normalizeCard(data: Record<string, unknown>, body: string, relPath: string): Card {
  const published = toUtcDate(data.publishedDateTime)
  const webUrl = cleanUrl(data.webUrl)
  const originalUrl = cleanUrl(data.originalUrl)
  return {
    id: cardIdFor({ webUrl, originalUrl }, relPath),
    path: relPath,
    aliases: [],
    category: optionalLine(data.category),
    title: cleanLine(data.title),
    excerpt: cleanExcerpt(data.excerpt),
    publishedAt: published?.iso ?? null,
    publishedAtMs: published?.ms ?? null,
    originalUrl,
    webUrl,
    ampWebUrl: cleanUrl(data.ampWebUrl),
    cdnAmpWebUrl: cleanUrl(data.cdnAmpWebUrl),
    type: optionalLine(data.type)?.toLowerCase() ?? 'article',
    quality: toInteger(data.quality),
    heat: toHeat(data.heat),
    published: toBoolean(data.published),
    featuredContent: typeof data.featuredContent === 'string' ? data.featuredContent : null,
    provider: toProvider(data.provider),
    topics: toTopics(data.topics),
    images: toImages(data.images),
    related: toRelatedItems(data.related),
    secured: typeof data.secured === 'string' ? data.secured : null,
    body: body.replace(/\r\n?/g, '\n').trim(),
    extra: extraFields(data, CARD_FIELDS)
  }
}

// Loops rather than flatMap: a card has dozens of related items and images, and flatMap made an array for each.
function toRelatedItems(value: unknown): RelatedItem[] {
  const items: RelatedItem[] = []
  for (const item of toList(value)) if (isMap(item)) items.push(toRelated(item))
  return items
}

function toRelated(item: Record<string, unknown>): RelatedItem {
  const published = toUtcDate(item.publishedDateTime)
  return {
    title: cleanLine(item.title),
    excerpt: cleanExcerpt(item.excerpt),
    publishedAt: published?.iso ?? null,
    publishedAtMs: published?.ms ?? null,
    webUrl: cleanUrl(item.webUrl),
    ampWebUrl: cleanUrl(item.ampWebUrl),
    cdnAmpWebUrl: cleanUrl(item.cdnAmpWebUrl),
    type: optionalLine(item.type)?.toLowerCase() ?? null,
    provider: toProvider(item.provider),
    quality: toInteger(item.quality),
    images: toImages(item.images),
    extra: extraFields(item, RELATED_FIELDS)
  }
}

function toProvider(value: unknown): ProviderRef | null {
  if (typeof value === 'string') {
    const name = cleanLine(value)
    return name === '' ? null : { name, domain: '', logo: null }
  }
  if (!isMap(value)) return null
  const domain = cleanLine(value.domain).toLowerCase()
  const name = cleanLine(value.name) || domain
  if (name === '' && domain === '') return null
  return { name, domain, logo: toImages(value.images)[0] ?? null }
}

function toImages(value: unknown): ImageRef[] {
  const images: ImageRef[] = []
  for (const entry of toList(value)) {
    const image = toImage(entry)
    if (image !== null) images.push(image)
  }
  return images
}

function toImage(entry: unknown): ImageRef | null {
  if (typeof entry === 'string') {
    const url = cleanUrl(entry)
    return url === null ? null : { url, width: null, height: null }
  }
  if (!isMap(entry)) return null
  const url = cleanUrl(entry.url)
  if (url === null) return null
  const image: ImageRef = { url, width: toDimension(entry.width), height: toDimension(entry.height) }
  const title = cleanLine(entry.title)
  if (title !== '') image.title = title
  const attribution = cleanLine(entry.attribution)
  if (attribution !== '') image.attribution = attribution
  return image
}

function toTopics(value: unknown): string[] {
  const topics = new Set<string>()
  for (const entry of toList(value)) {
    const topic = cleanLine(entry)
    if (topic !== '') topics.add(topic)
  }
  return [...topics]
}

function optionalLine(value: unknown): string | null {
  const text = cleanLine(value)
  return text === '' ? null : text
}

function toNumber(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  return Number.isFinite(number) ? number : null
}

function toInteger(value: unknown): number | null {
  const number = toNumber(value)
  return number === null ? null : Math.round(number)
}

/** The pipeline writes -1 for "unknown". */
function toHeat(value: unknown): number | null {
  const heat = toInteger(value)
  return heat === null || heat < 0 ? null : heat
}

function toDimension(value: unknown): number | null {
  const size = toInteger(value)
  return size === null || size <= 0 ? null : size
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 'true') return true
  if (value === 'false') return false
  return null
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  return value === undefined || value === null ? [] : [value]
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value)
}

function extraFields(data: Record<string, unknown>, known: Set<string>): Record<string, unknown> {
  // Nearly every card and related item has no unknown field: look before building.
  let unknown = false
  for (const key of Object.keys(data)) {
    if (!known.has(key)) {
      unknown = true
      break
    }
  }
  if (!unknown) return {}
  // fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key, value]) => !known.has(key) && value !== undefined)
      .map(([key, value]) => [key, toJsonSafe(value)])
  )
}

/** A YAML value as plain JSON: Dates become ISO strings, binary becomes base64, non-finite numbers null. */
export function toJsonSafe(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (value instanceof Uint8Array) return toBase64(value)
  if (Array.isArray(value)) return value.map((entry) => (entry === undefined ? null : toJsonSafe(entry)))
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .map(([key, entry]) => [key, toJsonSafe(entry)])
    )
  }
  return null
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
