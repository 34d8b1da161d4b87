// A card's detail as the page stores it: its JSON, raw-deflated and base64-encoded for the JSON event.
// Measured (scripts/measure-idb-values.mjs, 620 related-heavy cards x6): IndexedDB put() of these bytes took
// 256 ms on the page and 2.2 s of browser-process CPU, against 1405 ms / 4.6 s for the card object, so the
// host (which builds the JSON anyway) does the packing once and the page only stores the bytes.
import { constants, deflateRawSync } from 'node:zlib'
import type { Card } from '../../../shared/card'

/** Level 1: packing runs on the host's thread during a sync; higher levels cost more CPU for little size. */
const PACK_LEVEL = constants.Z_BEST_SPEED

/**
 * The JSON's UTF-8, written into one buffer kept for the next card: deflating the string itself had Node
 * allocate a fresh buffer per card, ~30% of packing's time on related-heavy cards.
 */
let scratch = Buffer.allocUnsafeSlow(256 * 1024)

export function packCard(card: Card): { json: string; packed: string } {
  const json = JSON.stringify(card)
  // A UTF-16 unit is at most 3 bytes of UTF-8.
  if (scratch.length < json.length * 3) scratch = Buffer.allocUnsafeSlow(json.length * 3)
  const length = scratch.write(json)
  return { json, packed: deflateRawSync(scratch.subarray(0, length), { level: PACK_LEVEL }).toString('base64') }
}
