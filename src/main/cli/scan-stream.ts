// The CLI's scan as a stream: each card is handed on as soon as it is read, and
// what is kept per card is a number (its id's hash) and its path, so memory does
// not grow with the cards' size. Two files with one id (a repost) are found by
// that hash; their copies are settled at the end by reading those few files again.
import type { Card, CardError } from '../../shared/card'
import { readCardFileSync } from '../core/parse/parse-card'
import { streamFolder, type ScanOptions } from '../core/scan/scan'
import { SMALL_CHUNK_WORKER_LIMITS } from '../core/scan/worker-pool'
import { compareCopies, type CopyEntry } from '../core/scan/copies'

// Files per round trip to a worker. Real cards with long related lists run to
// ~20 KB (and their parsed objects to several times that): small chunks keep
// the cards alive at once, in every thread, to a few MB.
const CHUNK_FILES = 50

export interface StreamScanOptions extends Pick<ScanOptions, 'workers' | 'onProgress' | 'signal'> {
  /** Each card as it is read (aliases empty), once per id; awaited, so a slow taker slows the reading. */
  onCard(card: Card): void | Promise<void>
}

/** A card found in more than one file: its winning card with `aliases` filled in. */
export interface SharedCopies {
  card: Card
  paths: string[]
}

export interface StreamScanSummary {
  folder: string
  files: number
  cards: number
  /** Distinct cards once copies (files sharing one id) are merged. */
  distinct: number
  /** Listing errors and bad files, sorted by path. */
  errors: CardError[]
  /** Cards with more than one file, each already handed to onCard once (by its first file read). */
  shared: SharedCopies[]
  durationMs: number
}

export async function streamScan(folder: string, options: StreamScanOptions): Promise<StreamScanSummary> {
  const started = performance.now()
  const firstPathOf = new Map<number, string>()
  // Hashes met more than once: the other paths, and whether their ids really match is checked at the end.
  const laterPaths = new Map<number, string[]>()
  const errors: CardError[] = []
  let files = 0
  let cards = 0

  const summary = await streamFolder(folder, {
    workers: options.workers,
    onProgress: options.onProgress,
    signal: options.signal,
    chunkSize: CHUNK_FILES,
    workerLimits: SMALL_CHUNK_WORKER_LIMITS,
    onFiles: async (chunk) => {
      for (const file of chunk) {
        files++
        if (file.card === null) {
          if (file.error !== null) errors.push(file.error)
          continue
        }
        cards++
        const hash = hashId(file.card.id)
        if (!firstPathOf.has(hash)) {
          firstPathOf.set(hash, file.path)
          await options.onCard(file.card)
          continue
        }
        const later = laterPaths.get(hash)
        if (later === undefined) laterPaths.set(hash, [file.path])
        else later.push(file.path)
      }
    }
  })

  const { shared, unsharedLater, extraDistinct } = settleSharedHashes(folder, firstPathOf, laterPaths)
  for (const card of unsharedLater) await options.onCard(card)
  errors.push(...summary.listingErrors)
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { folder, files, cards, distinct: firstPathOf.size + extraDistinct, errors, shared, durationMs: performance.now() - started }
}

/**
 * Reads again the files whose id hash was met more than once and groups them by
 * their real id. Groups of one that were not handed on yet (a hash collision)
 * are returned to be handed on; groups of more become shared copies.
 */
function settleSharedHashes(folder: string, firstPathOf: Map<number, string>, laterPaths: Map<number, string[]>) {
  const shared: SharedCopies[] = []
  const unsharedLater: Card[] = []
  let extraDistinct = 0
  for (const [hash, later] of laterPaths) {
    const first = firstPathOf.get(hash)!
    const byId = new Map<string, (CopyEntry & { card: Card })[]>()
    for (const path of [first, ...later]) {
      const read = readCardFileSync(folder, path)
      // A file that went bad or vanished since it was read: it stays as first reported.
      if (!read.outcome.ok) continue
      const card = read.outcome.card
      const entry = { path, id: card.id, publishedAtMs: card.publishedAtMs, mtimeMs: read.mtimeMs, card }
      const group = byId.get(card.id)
      if (group === undefined) byId.set(card.id, [entry])
      else group.push(entry)
    }
    for (const group of byId.values()) {
      const handedOn = group.some((entry) => entry.path === first)
      if (!handedOn) extraDistinct++
      if (group.length === 1) {
        if (!handedOn) unsharedLater.push(group[0].card)
        continue
      }
      const [winner, ...aliases] = [...group].sort(compareCopies)
      const aliasPaths = aliases.map((alias) => alias.path)
      shared.push({ card: { ...winner.card, aliases: aliasPaths }, paths: [winner.path, ...aliasPaths] })
    }
  }
  return { shared, unsharedLater, extraDistinct }
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
