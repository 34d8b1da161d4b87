// The newest few cards of a folder, read as soon as the folder is known (the host starting, or the page
// opening it). The page loads its script and opens its database meanwhile, so its first sync sends them at
// once instead of listing the folder and reading them first: the first rows show a few hundred ms sooner.
import { realpath } from 'node:fs/promises'
import { readCardFile } from '../parse/parse-card'
import { listCardFiles } from '../scan/list-files'
import { newestNamesFirst } from '../scan/scan'
import type { FileResult } from './change-round'
import { inLanes } from './lanes'

/** About a screenful of rows, and as many as the scan's own first chunk. */
export const FIRST_CARDS = 25
const READS_IN_FLIGHT = 8

export const toFileResult = (outcome: Awaited<ReturnType<typeof readCardFile>>): FileResult => ({
  path: outcome.path,
  size: outcome.size,
  mtimeMs: outcome.mtimeMs,
  card: outcome.outcome.ok ? outcome.outcome.card : null,
  error: outcome.outcome.ok ? null : outcome.outcome.error
})

/**
 * The `count` newest file names of `folder`, read. Only cards that parsed come back: a broken or vanished
 * file is left to the sync's own scan, which reports it. Never rejects (a folder it cannot read gives none).
 */
export async function readFirstCards(folder: string, count = FIRST_CARDS, signal?: AbortSignal): Promise<FileResult[]> {
  try {
    const listing = await listCardFiles(folder, await realpath(folder), signal)
    const newest = newestNamesFirst(listing.files).slice(0, count)
    const read = await inLanes(newest, READS_IN_FLIGHT, async (path) => toFileResult(await readCardFile(folder, path)))
    return read.filter((file) => file.card !== null)
  } catch {
    return []
  }
}
