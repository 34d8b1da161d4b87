// Test support: a card packed as the host packs it (its JSON, raw deflate, base64; see main's pack-card.ts),
// made at once with deflate's stored blocks, which every inflater reads, so the fake main can send batches
// shaped as the real one's without waiting on a CompressionStream.
import type { Card } from '../../../../shared/card'

const STORED_BLOCK_MAX = 0xffff

export function packCard(card: Card): string {
  const json = new TextEncoder().encode(JSON.stringify(card))
  const blocks = Math.max(1, Math.ceil(json.length / STORED_BLOCK_MAX))
  const out = new Uint8Array(json.length + blocks * 5)
  let at = 0
  for (let block = 0; block < blocks; block++) {
    const piece = json.subarray(block * STORED_BLOCK_MAX, (block + 1) * STORED_BLOCK_MAX)
    // BFINAL on the last block, BTYPE 00 (stored), then LEN and its one's complement, little-endian.
    out[at++] = block === blocks - 1 ? 1 : 0
    out[at++] = piece.length & 0xff
    out[at++] = piece.length >> 8
    out[at++] = ~piece.length & 0xff
    out[at++] = (~piece.length >> 8) & 0xff
    out.set(piece, at)
    at += piece.length
  }
  let binary = ''
  for (let start = 0; start < out.length; start += 0x8000) binary += String.fromCharCode(...out.subarray(start, start + 0x8000))
  return btoa(binary)
}
