// The normalised card model. Every value here is plain JSON so a card can
// cross IPC, HTTP and IndexedDB unchanged.

export interface ImageRef {
  url: string
  width: number | null
  height: number | null
  title?: string
  attribution?: string
}

export interface ProviderRef {
  name: string
  domain: string
  /** The provider's 50x50 logo, when the card names one. */
  logo: ImageRef | null
}

export interface RelatedItem {
  title: string
  excerpt: string
  /** ISO 8601 in UTC, or null when absent or unparseable. */
  publishedAt: string | null
  publishedAtMs: number | null
  webUrl: string | null
  ampWebUrl: string | null
  cdnAmpWebUrl: string | null
  type: string | null
  provider: ProviderRef | null
  quality: number | null
  images: ImageRef[]
  /** Fields the format does not name, kept as found (dates as ISO strings). */
  extra: Record<string, unknown>
}

export interface Card {
  /** Stable identity: the canonical URL, else `path:<relative path>`. Read state hangs off it. */
  id: string
  /** Path of the winning file, relative to the folder, with `/` separators. */
  path: string
  /** Other files holding a copy of this card (same id), relative paths. */
  aliases: string[]
  category: string | null
  title: string
  excerpt: string
  publishedAt: string | null
  publishedAtMs: number | null
  originalUrl: string | null
  webUrl: string | null
  ampWebUrl: string | null
  cdnAmpWebUrl: string | null
  type: string
  quality: number | null
  /** -1 in the file means unknown and becomes null. */
  heat: number | null
  published: boolean | null
  /** Raw HTML from the file. Kept for completeness; never rendered. */
  featuredContent: string | null
  provider: ProviderRef | null
  topics: string[]
  images: ImageRef[]
  related: RelatedItem[]
  /** Opaque ciphertext. Kept, never shown. */
  secured: string | null
  /** The Markdown body after the front matter. */
  body: string
  extra: Record<string, unknown>
}

export type CardErrorCode =
  | 'too-large'
  | 'empty'
  | 'not-utf8'
  | 'binary'
  | 'js-front-matter'
  | 'no-front-matter'
  | 'no-closing-fence'
  | 'yaml-syntax'
  | 'yaml-too-complex'
  | 'not-a-map'
  | 'vanished'
  | 'permission-denied'
  | 'unreadable'
  | 'symlink-loop'
  /** The file's name is not valid UTF-8: shown with its bytes escaped, not read. */
  | 'name-not-utf8'
  | 'sync-conflict'

/** A file that could not become a card. Never stops a scan. */
export interface CardError {
  /** Relative to the folder, `/` separators. */
  path: string
  code: CardErrorCode
  message: string
  /** 1-based line in the file, when known. */
  line?: number
}
