// A card's detail as IndexedDB holds it. Since the host packs each card (see LibraryBatch.packed) it is the
// card's JSON, raw-deflated, as bytes: IndexedDB clones a byte array on the page's thread several times faster
// than a card object with dozens of related items, and its backend writes less. Databases written before hold
// the card object itself, and both stay readable, so the details store needs no new Dexie version (its schema,
// out-of-line keys and no index, is unchanged; only the value's shape differs).
import type { Card } from '../../../shared/card'
import type { BatchCard } from '../../../shared/contract'

export type StoredDetail = Card | Uint8Array

type Base64Decoder = { fromBase64?: (text: string) => Uint8Array }

/** Base64 to bytes: Chromium's native decoder when it has one (Chromium 140+), else atob (Node 20 in tests). */
export function bytesOfBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Decoder).fromBase64
  if (native) return native(text)
  const bytes = new Uint8Array(base64Length(text))
  base64Into(text, bytes)
  return bytes
}

type Base64Target = { setFromBase64?: (text: string) => { written: number } }

/** How many bytes padded base64 `text` decodes to. */
export function base64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  return (text.length / 4) * 3 - padding
}

/** Decodes padded base64 `text` into the start of `target` (base64Length(text) bytes long at least). */
export function base64Into(text: string, target: Uint8Array): void {
  const native = (target as unknown as Base64Target).setFromBase64
  if (native) {
    native.call(target, text)
    return
  }
  const binary = atob(text)
  for (let index = 0; index < binary.length; index++) target[index] = binary.charCodeAt(index)
}

/** A stored detail as read back: packed bytes may come as a slice of their pack's Blob (see BlobDetailPack). */
export type ReadDetail = StoredDetail | Blob

/** The card a stored detail holds: an old database's card object as is, packed bytes inflated and parsed. */
export async function cardOfStored(value: ReadDetail | undefined): Promise<Card | undefined> {
  if (value === undefined) return undefined
  if (!(value instanceof Uint8Array) && !(value instanceof Blob)) return value
  const blob = value instanceof Blob ? value : new Blob([value as Uint8Array<ArrayBuffer>])
  const inflated = blob.stream().pipeThrough(new DecompressionStream('deflate-raw'))
  return JSON.parse(await new Response(inflated).text()) as Card
}

/**
 * What IndexedDB stores for a card a batch brought: its packed bytes, else the card itself, which a batch sends
 * complete whenever it has no packed copy (main summarises only packed cards' related items: toPageBatch).
 */
export function storedDetailOf(card: BatchCard, packed: string | undefined): StoredDetail {
  return packed === undefined ? (card as Card) : bytesOfBase64(packed)
}
