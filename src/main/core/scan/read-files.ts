// Reads a list of card files with a few reads in flight at once. Used in the
// scanning thread and inside each scan worker.
import { readCardFile, readCardFileSync, type ReadOutcome } from '../parse/parse-card'
import type { Card, CardError } from '../../../shared/card'
import { cardLineOf, type CardLine } from './card-line'

/** Reads in flight per thread: enough to hide disk latency, few enough to stay clear of EMFILE. */
export const READS_IN_FLIGHT = 16

/** One file read in a scan. */
export interface ScannedFile {
  path: string
  size: number
  mtimeMs: number
  card: Card | null
  error: CardError | null
  /** Set, and `card` null, when a worker was asked for lines (StreamOptions.lines): the card as its JSON line. */
  line?: CardLine
}

export async function readFiles(folder: string, paths: readonly string[], onRead?: (file: ScannedFile) => void, signal?: AbortSignal): Promise<ScannedFile[]> {
  const results: ScannedFile[] = new Array(paths.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      signal?.throwIfAborted()
      const index = next++
      const file = toScannedFile(await readCardFile(folder, paths[index]))
      results[index] = file
      onRead?.(file)
    }
  }
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, paths.length) }, lane))
  return results
}

/**
 * Blocking reads, for a worker thread. A file refused as binary is read again
 * the async way, which names what the file looks like. With `lines`, each card
 * is turned into its JSON line (ScannedFile.line) as soon as it is read.
 */
export async function readFilesInWorker(folder: string, paths: readonly string[], lines = false): Promise<ScannedFile[]> {
  const results: ScannedFile[] = []
  for (const path of paths) {
    let read = readCardFileSync(folder, path)
    if (!read.outcome.ok && (read.outcome.error.code === 'binary' || read.outcome.error.code === 'not-utf8')) read = await readCardFile(folder, path)
    const file = toScannedFile(read)
    // At once, not once the chunk is read: a chunk's cards (their objects, and the file texts their strings
    // are slices of) would otherwise stay alive through the collections of the whole chunk.
    results.push(lines ? asLine(file) : file)
  }
  return results
}

function asLine(file: ScannedFile): ScannedFile {
  if (file.card === null) return file
  return { ...file, card: null, line: cardLineOf(file.card) }
}

function toScannedFile(read: ReadOutcome): ScannedFile {
  return {
    path: read.path,
    size: read.size,
    mtimeMs: read.mtimeMs,
    card: read.outcome.ok ? read.outcome.card : null,
    error: read.outcome.ok ? null : read.outcome.error
  }
}
