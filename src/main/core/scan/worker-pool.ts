// Spreads the reading of a large folder over worker threads. Paths go out in
// chunks of a few hundred so round trips stay few; a worker that dies has its
// chunk read in this thread instead, so a crash never loses files.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { readFiles } from './read-files'
import type { ScannedFile } from './scan'
import type { WorkerReply, WorkerRequest } from './worker-messages'

export const CHUNK_SIZE = 250

/**
 * The built worker (out/main/scan-worker.js) sits beside the entry that
 * bundles this module, or one level up when the bundler put it in a chunk.
 * Null when running from TS source (vitest), where the scan stays in-thread.
 */
export function findWorkerScript(): URL | null {
  for (const candidate of ['./scan-worker.js', '../scan-worker.js']) {
    const url = new URL(candidate, import.meta.url)
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url
  }
  return null
}

export async function readWithWorkers(
  script: URL,
  workerCount: number,
  folder: string,
  paths: readonly string[],
  onChunk: (files: ScannedFile[]) => void,
  signal?: AbortSignal
): Promise<ScannedFile[]> {
  const chunks: string[][] = []
  for (let i = 0; i < paths.length; i += CHUNK_SIZE) chunks.push(paths.slice(i, i + CHUNK_SIZE))
  const results: ScannedFile[][] = new Array(chunks.length)
  const workers: Worker[] = []
  let nextChunk = 0
  let finished = 0

  return new Promise<ScannedFile[]>((resolve, reject) => {
    let settled = false
    const settle = (error?: unknown) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      for (const worker of workers) void worker.terminate()
      if (error === undefined) resolve(results.flat())
      else reject(error)
    }
    const onAbort = () => settle(signal?.reason ?? new Error('scan aborted'))
    signal?.addEventListener('abort', onAbort, { once: true })

    const complete = (chunk: number, files: ScannedFile[]) => {
      results[chunk] = files
      finished++
      onChunk(files)
      if (finished === chunks.length) settle()
    }
    // A chunk a worker could not finish is read here, in this thread.
    const readHere = (chunk: number) => {
      readFiles(folder, chunks[chunk], undefined, signal).then(
        (files) => complete(chunk, files),
        (error: unknown) => settle(error)
      )
    }

    const start = (worker: Worker) => {
      let current = -1
      const dispatch = () => {
        if (settled || nextChunk >= chunks.length) {
          current = -1
          return
        }
        current = nextChunk++
        worker.postMessage({ chunk: current, folder, paths: chunks[current] } satisfies WorkerRequest)
      }
      worker.on('message', (reply: WorkerReply) => {
        if ('failure' in reply) readHere(reply.chunk)
        else complete(reply.chunk, reply.files)
        dispatch()
      })
      const abandon = () => {
        workers.splice(workers.indexOf(worker), 1)
        if (current !== -1 && !settled) readHere(current)
        current = -1
        // With no worker left, whatever is not yet sent is read here too.
        if (workers.length === 0) while (!settled && nextChunk < chunks.length) readHere(nextChunk++)
      }
      worker.on('error', abandon)
      worker.on('exit', () => {
        if (workers.includes(worker)) abandon()
      })
      dispatch()
    }

    if (chunks.length === 0) {
      settle()
      return
    }
    for (let i = 0; i < Math.min(workerCount, chunks.length); i++) {
      let worker: Worker
      try {
        worker = new Worker(script)
      } catch {
        break // e.g. a packaged app that cannot start the script: this thread reads instead.
      }
      workers.push(worker)
      start(worker)
    }
    if (workers.length === 0) while (nextChunk < chunks.length) readHere(nextChunk++)
  })
}
