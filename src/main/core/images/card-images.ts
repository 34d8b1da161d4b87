import type { Card, ImageRef } from '../../../shared/card'

/** A card's image URLs, grouped by download priority. */
export interface CardImageUrls {
  /** The card's own images: shown on the card itself. */
  own: string[]
  /** The card's provider logo, related items' images and their providers' logos. */
  related: string[]
}

/** Every image URL a card names, each once, own images first. Empty URLs are dropped. */
export function imageUrlsOfCard(card: Card): CardImageUrls {
  const seen = new Set<string>()
  const take = (target: string[], ref: ImageRef | null | undefined): void => {
    // Kept exactly as named: the renderer resolves the same string, and the hash is of it.
    const url = typeof ref?.url === 'string' ? ref.url : ''
    if (!url.trim() || seen.has(url)) return
    seen.add(url)
    target.push(url)
  }
  const own: string[] = []
  const related: string[] = []
  for (const image of card.images ?? []) take(own, image)
  take(related, card.provider?.logo)
  for (const item of card.related ?? []) {
    for (const image of item.images ?? []) take(related, image)
    take(related, item.provider?.logo)
  }
  return { own, related }
}
