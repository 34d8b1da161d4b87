// A card as `tidings scan --json` prints it, made where the card is read: in a scan worker, the line is
// built and encoded there and crosses to the main thread as UTF-8 bytes (transferred, not copied) with its
// id's hash, so the main thread never rebuilds the card's objects (a structured clone) only to serialise
// them again, nor holds the line as a string (a heavy card's is over 128 KB: V8's large-object space,
// which only a full collection frees).
import type { Card } from '../../../shared/card'

/** A card read and already printed: what the CLI's stream keeps of it is the hash. */
export interface CardLine {
  /** The line's UTF-8 bytes, no newline; its buffer is its own (it is transferred between threads). */
  bytes: Uint8Array
  idHash: number
}

const utf8 = new TextEncoder()

/** The card's line as a CardLine: cardLineText encoded, with its id's hash. */
export function cardLineOf(card: Card): CardLine {
  return { bytes: utf8.encode(cardLineText(card)), idHash: hashId(card.id) }
}

/** A card as a JSON line's object. The line's `type` says "card", so the card's own type moves to `cardType`. */
export function cardLine(card: Card): object {
  const { type: cardType, ...fields } = card
  return { type: 'card', ...fields, cardType }
}

/** The card's line (no newline); a card that cannot become one (too big to serialise) is an error line for its file. */
export function cardLineText(card: Card): string {
  try {
    return JSON.stringify(cardLine(card))
  } catch (error) {
    return JSON.stringify(unprintableCard(card, error))
  }
}

/** The error line for a card whose line could not be built. */
export function unprintableCard(card: Pick<Card, 'id' | 'path'>, error: unknown): object {
  const reason = error instanceof Error ? error.message : String(error)
  return { type: 'error', id: card.id, path: card.path, code: 'too-large', message: `the card could not be written as a JSON line (${reason.slice(0, 200)})` }
}

/**
 * A 53-bit hash of a card id (two 32-bit FNV-1a rounds with different seeds):
 * a number in a Map costs far less than the id string. A collision only costs
 * a second read of the files involved.
 */
export function hashId(id: string): number {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ id.length
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i)
    a = Math.imul(a ^ ch, 0x01000193)
    b = Math.imul(b ^ ch, 0x5bd1e995)
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff)
}
