// Reads a list of card files with a few reads in flight at once. Used in the
// scanning thread and inside each scan worker.
import { readCardFile } from '../parse/parse-card'
import type { ScannedFile } from './scan'

/** Reads in flight per thread: enough to hide disk latency, few enough to stay clear of EMFILE. */
export const READS_IN_FLIGHT = 16

export async function readFiles(folder: string, paths: readonly string[], onRead?: (file: ScannedFile) => void, signal?: AbortSignal): Promise<ScannedFile[]> {
  const results: ScannedFile[] = new Array(paths.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      signal?.throwIfAborted()
      const index = next++
      const read = await readCardFile(folder, paths[index])
      const file: ScannedFile = {
        path: read.path,
        size: read.size,
        mtimeMs: read.mtimeMs,
        card: read.outcome.ok ? read.outcome.card : null,
        error: read.outcome.ok ? null : read.outcome.error
      }
      results[index] = file
      onRead?.(file)
    }
  }
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, paths.length) }, lane))
  return results
}
