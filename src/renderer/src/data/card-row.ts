// What a card becomes: a light row for the list, facets and search (held in
// memory at 100k) and the full card for the reading pane, both in IndexedDB;
// its related items as rows for a story's coverage, made when a story is open.
import type { Card, RelatedItem } from '../../../shared/card'
import type { BatchCard, RelatedSummary } from '../../../shared/contract'
import type { CardRow, RelatedRow } from '../db/database'
import { canonicalUrl, cardSearchUrls, isPathId } from '../../../shared/identity'
import { foldSearchText } from '../../../shared/search-text'

// A batch's cards become rows twice, for the screen and for IndexedDB; the
// URL canonicalisation is the costly part at 100k, so the row is kept per card object.
const rowOfCard = new WeakMap<BatchCard, CardRow>()

export function toCardRow(folder: string, card: BatchCard): CardRow {
  const known = rowOfCard.get(card)
  if (known && known.folder === folder) return known
  const row = buildRow(folder, card)
  rowOfCard.set(card, row)
  return row
}

function buildRow(folder: string, card: BatchCard): CardRow {
  const urls = cardSearchUrls(card)
  if (!isPathId(card.id) && !urls.includes(card.id)) urls.unshift(card.id)
  const image = card.images[0]
  return {
    folder,
    id: card.id,
    path: card.path,
    title: card.title,
    excerpt: card.excerpt,
    providerName: card.provider?.name ?? '',
    providerDomain: card.provider?.domain ?? '',
    providerLogo: card.provider?.logo?.url ?? null,
    publishedAtMs: card.publishedAtMs,
    topics: [...card.topics],
    type: card.type,
    quality: card.quality,
    heat: card.heat,
    thumbnail: image ? { url: image.url, width: image.width, height: image.height } : null,
    urls,
    relatedCount: card.related.length,
    relatedTimes: newestRelatedTimes(card.related),
    searchText: searchTextOf(card)
  }
}

const RELATED_TIMES_KEPT = 16

function newestRelatedTimes(related: readonly RelatedSummary[]): number[] {
  const times = related.map((item) => item.publishedAtMs).filter((time): time is number => time !== null)
  return times.sort((a, b) => b - a).slice(0, RELATED_TIMES_KEPT)
}

/** Title, excerpt and related titles, one per line, folded (foldSearchText): the free-text search haystack. */
export function searchTextOf(card: Pick<BatchCard, 'title' | 'excerpt' | 'related'>): string {
  return foldSearchText([card.title, card.excerpt, ...card.related.map((item) => item.title)].join('\n'))
}


/** The canonical URLs a related item can be found under (web, AMP, CDN AMP). */
export function relatedItemUrls(item: RelatedItem): string[] {
  return cardSearchUrls(item)
}

/** The first of relatedItemUrls(item), canonicalising no more URLs than it takes (a story lists hundreds of items). */
function firstItemUrl(item: RelatedItem): string | null {
  for (const url of [item.webUrl, item.ampWebUrl, item.cdnAmpWebUrl]) {
    const canonical = url === null ? null : canonicalUrl(url)
    if (canonical !== null) return canonical
  }
  return null
}

/** The card's related items in their order, for story coverage. */
export function toRelatedRows(folder: string, card: Card): RelatedRow[] {
  return card.related.map((item, index) => ({
    folder,
    cardId: card.id,
    index,
    url: firstItemUrl(item),
    title: item.title,
    providerName: item.provider?.name ?? '',
    publishedAtMs: item.publishedAtMs
  }))
}
