// A card's detail as the page stores it: its JSON, raw-deflated and base64-encoded for the JSON event.
// Measured (scripts/measure-idb-values.mjs, 620 related-heavy cards x6): IndexedDB put() of these bytes took
// 256 ms on the page and 2.2 s of browser-process CPU, against 1405 ms / 4.6 s for the card object, so the
// host (which builds the JSON anyway) does the packing once and the page only stores the bytes.
import { constants, deflateRawSync } from 'node:zlib'
import type { Card } from '../../../shared/card'

/** Level 1: packing runs on the host's thread during a sync; higher levels cost more CPU for little size. */
const PACK_LEVEL = constants.Z_BEST_SPEED

export function packCard(card: Card): { json: string; packed: string } {
  const json = JSON.stringify(card)
  return { json, packed: deflateRawSync(json, { level: PACK_LEVEL }).toString('base64') }
}
