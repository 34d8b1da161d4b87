// The numbers behind a story's source panel: who carried it and how. Plain
// counts from provider, quality and type; no ratings of outlets.
import type { CardRow } from '../../db/database'

export interface OutletShare {
  domain: string
  name: string
  cards: number
  share: number
}

export interface SourceFigures {
  /** Distinct provider domains, as the story's row counts outlets. */
  outlets: number
  /** The outlets with the most cards, most first (at most 5). */
  top: OutletShare[]
  /** Share of the cards from the top three outlets. */
  topThreeShare: number
  quality: { min: number; median: number; max: number } | null
  articles: number
  videos: number
}

export const outletKey = (row: Pick<CardRow, 'providerDomain' | 'providerName'>): string => (row.providerDomain || row.providerName || 'unknown').toLowerCase()

export function sourceFigures(cards: readonly CardRow[]): SourceFigures {
  const byOutlet = new Map<string, OutletShare>()
  for (const card of cards) {
    const key = outletKey(card)
    const entry = byOutlet.get(key) ?? { domain: key, name: card.providerName || key, cards: 0, share: 0 }
    entry.cards++
    byOutlet.set(key, entry)
  }
  const ranked = [...byOutlet.values()].sort((a, b) => b.cards - a.cards || (a.domain < b.domain ? -1 : 1))
  for (const entry of ranked) entry.share = entry.cards / cards.length
  const qualities = cards.map((card) => card.quality).filter((quality): quality is number => quality !== null).sort((a, b) => a - b)
  const videos = cards.filter((card) => card.type === 'video').length
  return {
    // As the story's row and `tidings stories` count them: distinct provider domains.
    outlets: new Set(cards.map((card) => card.providerDomain.toLowerCase()).filter((domain) => domain !== '')).size,
    top: ranked.slice(0, 5),
    topThreeShare: ranked.slice(0, 3).reduce((sum, entry) => sum + entry.cards, 0) / Math.max(1, cards.length),
    quality: qualities.length === 0 ? null : { min: qualities[0], median: medianOf(qualities), max: qualities[qualities.length - 1] },
    articles: cards.length - videos,
    videos
  }
}

/** The middle value of sorted numbers; of an even count, the mean of the two middle ones. */
function medianOf(sorted: readonly number[]): number {
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const PALETTE = ['#2f6fdb', '#d9480f', '#2b8a3e', '#ae3ec9', '#e8590c', '#1098ad', '#c2255c', '#5c940d', '#7048e8', '#a61e4d']

/** One colour per outlet, the same for an outlet in every story. */
export function outletColour(key: string): string {
  let hash = 0
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0
  return PALETTE[Math.abs(hash) % PALETTE.length]
}
