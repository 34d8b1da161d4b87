// What the related-coverage header and timeline say about a story: how many
// outlets covered it, over what time, and when each one published.
import type { ProviderRef } from '../../../../shared/card'

export interface Coverage {
  provider: ProviderRef | null
  publishedAtMs: number | null
}

export interface TimelineRow {
  outlet: string
  /** Positions along the time axis, 0 (first) .. 1 (last), one per piece from this outlet. */
  positions: number[]
  /** This row holds the card being read. */
  isCard: boolean
}

export interface CoverageSummary {
  /** Distinct outlets, the card's own included. */
  outlets: number
  /** Earliest to latest publication, or null when fewer than two pieces are dated. */
  spanMs: number | null
  firstMs: number | null
  lastMs: number | null
  /** One row per outlet, in order of its first piece; undated outlets are left out. */
  timeline: TimelineRow[]
}

export function outletName(provider: ProviderRef | null): string {
  return provider?.name.trim() || provider?.domain.trim() || 'Unknown outlet'
}

export function summarizeCoverage(card: Coverage, related: readonly Coverage[]): CoverageSummary {
  const pieces = [{ ...card, isCard: true }, ...related.map((item) => ({ ...item, isCard: false }))]
  const outletKeys = new Set(pieces.map((piece) => outletName(piece.provider).toLowerCase()))
  const dated = pieces.filter((piece): piece is typeof piece & { publishedAtMs: number } => piece.publishedAtMs !== null && Number.isFinite(piece.publishedAtMs))
  if (dated.length === 0) return { outlets: outletKeys.size, spanMs: null, firstMs: null, lastMs: null, timeline: [] }

  const firstMs = Math.min(...dated.map((piece) => piece.publishedAtMs))
  const lastMs = Math.max(...dated.map((piece) => piece.publishedAtMs))
  const span = lastMs - firstMs
  const rows = new Map<string, TimelineRow & { firstAt: number }>()
  for (const piece of [...dated].sort((a, b) => a.publishedAtMs - b.publishedAtMs)) {
    const outlet = outletName(piece.provider)
    const key = outlet.toLowerCase()
    let row = rows.get(key)
    if (!row) rows.set(key, (row = { outlet, positions: [], isCard: false, firstAt: piece.publishedAtMs }))
    row.positions.push(span === 0 ? 0.5 : (piece.publishedAtMs - firstMs) / span)
    if (piece.isCard) row.isCard = true
  }
  return {
    outlets: outletKeys.size,
    spanMs: dated.length > 1 ? span : null,
    firstMs,
    lastMs,
    timeline: [...rows.values()].map(({ outlet, positions, isCard }) => ({ outlet, positions, isCard }))
  }
}

/** Indexes of the related items, earliest first; undated ones keep their order at the end. */
export function chronologicalOrder(related: readonly Coverage[]): number[] {
  return related
    .map((item, index) => ({ index, at: item.publishedAtMs }))
    .sort((a, b) => (a.at === null ? (b.at === null ? a.index - b.index : 1) : b.at === null ? -1 : a.at - b.at || a.index - b.index))
    .map((entry) => entry.index)
}
