// A card as a batch carries it to the page (see BatchCard in the contract): its related items cut to what the
// card's list row needs. The complete card travels beside it, packed.
import type { Card } from './card'
import type { BatchCard } from './contract'

export const summarisedCard = (card: Card): BatchCard => ({ ...card, related: card.related.map(({ title, publishedAtMs }) => ({ title, publishedAtMs })) })
