// The "Best match" order while searching: rows whose words are in the title
// first, then in the excerpt, then those matching only through a related
// title; newest first within each rank (the order the matches come in).
import { MATCH_RANK } from './text-pass'

/** `matches` (newest first) reordered by the rank in `pass`, stable within a rank. A counting sort: one pass per step. */
export function byBestMatch(matches: Int32Array, pass: Uint8Array): Int32Array {
  const counts = new Int32Array(MATCH_RANK + 2)
  for (let k = 0; k < matches.length; k++) counts[MATCH_RANK - (pass[matches[k]] & MATCH_RANK) + 1]++
  for (let r = 1; r < counts.length; r++) counts[r] += counts[r - 1]
  const out = new Int32Array(matches.length)
  for (let k = 0; k < matches.length; k++) out[counts[MATCH_RANK - (pass[matches[k]] & MATCH_RANK)]++] = matches[k]
  return out
}
