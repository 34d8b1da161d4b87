// What a scan reports, shared by `tidings scan` and `tidings scan --watch`.
import type { ScanResult } from '../core/scan/scan'
import type { CliIo } from './io'
import { JsonLines, unprintableCard } from './json-lines'
import { cardLine } from '../core/scan/card-line'

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

export { cardLine } from '../core/scan/card-line'

/** The whole scan as JSON lines: each card, each error, then the summary; one unprintable card loses only its own line. */
export function printJson(result: ScanResult, io: CliIo): void {
  const lines = new JsonLines(io)
  for (const card of result.cards) lines.add(cardLine(card), (error) => unprintableCard(card, error))
  for (const error of result.errors) lines.add({ type: 'error', ...error }, () => ({ type: 'error', path: error.path, code: error.code, message: 'unprintable' }))
  lines.add({ type: 'summary', ...summaryOf(result) }, () => ({ type: 'summary' }))
  lines.flush()
}
