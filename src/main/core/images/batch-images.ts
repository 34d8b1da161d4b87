// What track() keeps of a batch while it waits its turn: ids, dates and URLs,
// packed, never the cards themselves.
import type { Card } from '../../../shared/card'
import { imageUrlsOfCard } from './card-images'

export interface BatchImages {
  ids: string[]
  publishedAtMs: Float64Array
  ownCounts: Uint32Array
  relatedCounts: Uint32Array
  /** Each card's own URLs, then its related ones, card after card. */
  urls: string[]
}

export function imagesOfBatch(cards: readonly Card[]): BatchImages {
  const batch: BatchImages = {
    ids: new Array<string>(cards.length),
    publishedAtMs: new Float64Array(cards.length),
    ownCounts: new Uint32Array(cards.length),
    relatedCounts: new Uint32Array(cards.length),
    urls: []
  }
  cards.forEach((card, i) => {
    const { own, related } = imageUrlsOfCard(card)
    // Not copied: the library keeps this same id string for the card, so sharing it costs nothing.
    batch.ids[i] = card.id
    batch.publishedAtMs[i] = card.publishedAtMs ?? 0
    batch.ownCounts[i] = own.length
    batch.relatedCounts[i] = related.length
    for (const url of own) batch.urls.push(url)
    for (const url of related) batch.urls.push(url)
  })
  return batch
}
