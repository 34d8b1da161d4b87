// The related coverage of a whole story: every card's related items, one per
// URL (the feed lists the same piece under many cards), newest first.
import type { RelatedRow } from '../../db/database'

export interface StoryCoverageItem {
  url: string | null
  title: string
  providerName: string
  publishedAtMs: number | null
  /** Published after the story was last read. */
  isNew: boolean
}

export function storyCoverageOf(rows: readonly RelatedRow[], storyCardUrls: ReadonlySet<string>, readAt: number | null): { items: StoryCoverageItem[]; duplicates: number } {
  const byKey = new Map<string, StoryCoverageItem>()
  let duplicates = 0
  for (const row of rows) {
    // Items that are the story's own cards are already listed with it.
    if (row.url !== null && storyCardUrls.has(row.url)) continue
    const key = row.url ?? `${row.providerName}\u0000${row.title}`
    if (byKey.has(key)) {
      duplicates++
      continue
    }
    byKey.set(key, { url: row.url, title: row.title, providerName: row.providerName, publishedAtMs: row.publishedAtMs, isNew: readAt !== null && (row.publishedAtMs ?? -Infinity) > readAt })
  }
  const items = [...byKey.values()].sort((a, b) => (b.publishedAtMs ?? -Infinity) - (a.publishedAtMs ?? -Infinity))
  return { items, duplicates }
}
