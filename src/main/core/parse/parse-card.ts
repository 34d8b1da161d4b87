// STUB (owner: core-parse helper): signatures are the agreed API; bodies to be written.
import type { Card, CardError } from '../../../shared/card'

export type ParseOutcome = { ok: true; card: Card } | { ok: false; error: CardError }

/** Files larger than this are refused before they are read whole. */
export const MAX_CARD_BYTES = 4 * 1024 * 1024

/**
 * Parses one card's bytes. `relPath` is relative to the folder with `/` separators;
 * it names the file in errors and gives the id when the card has no URL.
 */
export function parseCardBytes(_bytes: Uint8Array, _relPath: string): ParseOutcome {
  throw new Error('not implemented')
}

export interface ReadOutcome {
  path: string
  size: number
  mtimeMs: number
  outcome: ParseOutcome
}

/** Stats, size-checks, reads and parses one file. Never throws: every failure is an error outcome. */
export async function readCardFile(_folder: string, _relPath: string): Promise<ReadOutcome> {
  throw new Error('not implemented')
}
