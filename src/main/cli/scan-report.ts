// What a scan reports, shared by `tidings scan` and `tidings scan --watch`.
import type { Card } from '../../shared/card'
import type { ScanResult } from '../core/scan/scan'

export function summaryOf(result: ScanResult) {
  const cardFiles = result.scanned.filter((file) => file.card !== null).length
  return {
    folder: result.folder,
    files: result.scanned.length,
    cards: cardFiles,
    distinct: result.copies.length,
    errors: result.errors.length,
    durationMs: Math.round(result.durationMs)
  }
}

/** A card as a JSON line. The line's `type` says "card", so the card's own type moves to `cardType`. */
export function cardLine(card: Card): object {
  const { type: cardType, ...fields } = card
  return { type: 'card', ...fields, cardType }
}
