// The CLI's scan as a stream: each card is handed on as soon as it is read, and
// what is kept per card is its id's hash and its first path, so memory does not grow with the cards' size. Two files with one id (a repost) are found by
// that hash; their copies are settled at the end by reading those few files again.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Card, CardError } from '../../shared/card'
import { readCardFileSync } from '../core/parse/parse-card'
import { ownCopy } from '../core/parse/fast-front-matter'
import { streamFolder, workersBesideThisThread, type ScanOptions } from '../core/scan/scan'
import { SMALL_CHUNK_WORKER_LIMITS } from '../core/scan/worker-pool'
import { cardLineText, hashId } from '../core/scan/card-line'
import { compareCopies, type CopyEntry } from '../core/scan/copies'
import { FirstPathByHash } from './first-paths'

// Files per round trip to a worker. Real cards with long related lists run to
// ~20 KB (and their parsed objects to several times that): small chunks keep
// the cards alive at once, in every thread, to a few MB.
const CHUNK_FILES = 50

export interface StreamScanOptions extends Pick<ScanOptions, 'workers' | 'onProgress' | 'signal'> {
  /**
   * Each card's JSON line (cardLineText; aliases empty), as text or as its UTF-8 bytes (from a worker), as
   * it is read, once per id; awaited, so a slow taker slows the reading. Absent: nothing is printed, and no line is made.
   */
  onCardLine?(line: string | Uint8Array): void | Promise<void>
}

/**
 * A card found in more than one file, winner's path first. Only its id and title are kept: its line was
 * handed on when its copies were settled (a kept card, 600 of them at 100k files, held their file texts).
 */
export interface SharedCopies {
  card: Pick<Card, 'id' | 'title'>
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
  /** Cards with more than one file: each handed to onCardLine by its first file read, then again with its winner and aliases. */
  shared: SharedCopies[]
  durationMs: number
}

export async function streamScan(folder: string, options: StreamScanOptions): Promise<StreamScanSummary> {
  const started = performance.now()
  const firstPathOf = new FirstPathByHash()
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
    // Workers print the cards themselves: only the lines and the id hashes cross to this thread.
    lines: options.onCardLine !== undefined,
    // This thread only relays lines: it reads too, in place of one worker isolate (40-50 MB).
    readHereToo: true,
    autoWorkers: workersBesideThisThread(),
    // The listing (~30 MB of strings at 100k files) is garbage by now, but V8 sized the heap's next
    // full collection for it being alive, and lets the heap grow ~100 MB before collecting: collect now.
    onListed: collectGarbage,
    onFiles: async (chunk) => {
      for (const file of chunk) {
        files++
        // A card comes as its line from a worker, or as a card when this thread read it.
        const line = file.line ?? (file.card === null ? null : { idHash: hashId(file.card.id) })
        if (line === null) {
          if (file.error !== null) errors.push(file.error)
          continue
        }
        cards++
        const hash = line.idHash
        if (firstPathOf.add(hash, file.path)) {
          if (options.onCardLine) await options.onCardLine(file.line?.bytes ?? cardLineText(file.card!))
          continue
        }
        const later = laterPaths.get(hash)
        if (later === undefined) laterPaths.set(hash, [file.path])
        else later.push(file.path)
      }
    }
  })

  const { shared, extraDistinct } = await settleSharedHashes(folder, firstPathOf, laterPaths, options.onCardLine)
  errors.push(...summary.listingErrors)
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { folder, files, cards, distinct: firstPathOf.size + extraDistinct, errors, shared, durationMs: performance.now() - started }
}

/**
 * Reads again the files whose id hash was met more than once and groups them by
 * their real id. Groups of one that were not handed on yet (a hash collision)
 * are handed on; groups of more are handed on again as their winner with aliases.
 */
async function settleSharedHashes(folder: string, firstPathOf: FirstPathByHash, laterPaths: Map<number, string[]>, onCardLine: StreamScanOptions['onCardLine']) {
  const shared: SharedCopies[] = []
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
        if (!handedOn && onCardLine) await onCardLine(cardLineText(group[0].card))
        continue
      }
      const [winner, ...aliases] = [...group].sort(compareCopies)
      const aliasPaths = aliases.map((alias) => alias.path)
      if (onCardLine) await onCardLine(cardLineText({ ...winner.card, aliases: aliasPaths }))
      // Copies, not slices of the file's text, which would keep the whole text.
      shared.push({ card: { id: ownCopy(winner.card.id), title: ownCopy(winner.card.title) }, paths: [winner.path, ...aliasPaths] })
    }
  }
  return { shared, extraDistinct }
}

/** A full collection: `gc` exists only when the flag is set, and only in contexts made after that. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}
