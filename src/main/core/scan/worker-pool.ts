// Spreads the reading of a large folder over worker threads. Paths go out in
// chunks of a few hundred so round trips stay few, and each chunk read is handed
// on as soon as it is back: nothing is kept here. A worker takes a new chunk
// only while few are waiting to be handed on, so a slow taker holds the
// workers back instead of piling cards up in memory. A worker that dies has
// its chunk read in this thread instead, so a crash never loses files.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { asLineFile, pathsIn } from './path-lines'
import { readFiles, readFilesInWorker, type ScannedFile } from './read-files'
import type { WorkerReply, WorkerRequest } from './worker-messages'

export const CHUNK_SIZE = 250

/**
 * The first chunk is small: the newest cards come first, and the page shows its first rows as soon as they
 * arrive, instead of after a whole chunk of heavy cards (250 real ones are ~7 MB of JSON).
 */
const FIRST_CHUNK = 25

/** `paths` in chunks of `chunkSize`, the first one of at most FIRST_CHUNK. */
export function chunksOf(paths: string[], chunkSize: number): string[][] {
  const starts = chunkStarts(paths.length, chunkSize)
  return starts.slice(0, -1).map((start, chunk) => paths.slice(start, starts[chunk + 1]))
}

/** Where each chunk of `count` paths starts, then `count`. */
function chunkStarts(count: number, chunkSize: number): number[] {
  if (count === 0) return [0]
  const starts = [0]
  for (let i = Math.min(chunkSize, FIRST_CHUNK); i < count; i += chunkSize) starts.push(i)
  starts.push(count)
  return starts
}

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

/**
 * Heap limits for a scan worker that reads small chunks (50 files). Its live set is one chunk of cards,
 * a few MB; left to itself V8 sizes each worker's heap for its allocation rate (~100 MB each on real
 * cards). A card too big for these limits kills the worker, and its chunk is read in the scanning thread
 * as when any worker dies.
 */
export const SMALL_CHUNK_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 }

/** Files this thread reads between turns of its event loop when it reads alongside workers. */
const FILES_BETWEEN_TURNS = 4

export type ChunkTaker = (files: ScannedFile[]) => void | Promise<void>

/** One worker thread with at most one chunk in flight. */
class WorkerLane {
  private pending: { resolve: (files: ScannedFile[]) => void; reject: (error: Error) => void } | null = null
  /** Set once the worker is gone; it is then asked nothing more. */
  dead: Error | null = null

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending
      this.pending = null
      if ('failure' in reply) pending?.reject(new ChunkFailure(reply.failure))
      else pending?.resolve(reply.files)
    })
    const die = (error: Error): void => {
      this.dead ??= error
      const pending = this.pending
      this.pending = null
      pending?.reject(this.dead)
    }
    worker.on('error', die)
    worker.on('exit', (code) => die(new Error(`scan worker exited (code ${code})`)))
  }

  read(request: WorkerRequest): Promise<ScannedFile[]> {
    if (this.dead) return Promise.reject(this.dead)
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject }
      this.worker.postMessage(request)
    })
  }
}

/** The worker is fine but could not read this chunk: this thread reads it, and the worker goes on. */
class ChunkFailure extends Error {}

/**
 * Hands chunks to `take` one call at a time, in the order they arrive, and
 * tells the readers when there is room for more.
 */
class Handover {
  private readonly waiting: ScannedFile[][] = []
  private taking: Promise<void> | null = null
  private readonly roomWaiters: (() => void)[] = []
  failure: { error: unknown } | null = null
  private stopped = false

  constructor(
    private readonly take: ChunkTaker,
    private readonly limit: number
  ) {}

  push(files: ScannedFile[]): void {
    if (this.stopped) return
    this.waiting.push(files)
    this.taking ??= this.drain()
  }

  /** Resolves when fewer than `limit` chunks wait to be taken. */
  room(): Promise<void> {
    if (this.queued() < this.limit || this.failure) return Promise.resolve()
    return new Promise((resolve) => this.roomWaiters.push(resolve))
  }

  /** Resolves when every chunk pushed so far is taken; rejects with the taker's error. */
  async done(): Promise<void> {
    while (this.taking) await this.taking
    if (this.failure) throw this.failure.error
  }

  /** Drops what waits, and resolves once the chunk being taken (if any) is done with. */
  async stop(): Promise<void> {
    this.stopped = true
    this.waiting.length = 0
    while (this.taking) await this.taking
  }

  private queued(): number {
    return this.waiting.length + (this.taking ? 1 : 0)
  }

  private async drain(): Promise<void> {
    try {
      for (let files = this.waiting.shift(); files !== undefined && !this.failure; files = this.waiting.shift()) {
        await this.take(files)
        this.wake()
      }
    } catch (error) {
      this.failure = { error }
      this.waiting.length = 0
    } finally {
      this.taking = null
      this.wake()
    }
  }

  private wake(): void {
    for (const resolve of this.roomWaiters.splice(0)) resolve()
  }
}

export interface WorkerReadOptions {
  signal?: AbortSignal
  /** Files per chunk (CHUNK_SIZE). */
  chunkSize?: number
  /** Heap limits for each worker (none: V8's defaults). */
  resourceLimits?: ResourceLimits
  /**
   * Workers send cards as JSON lines (ScannedFile.line), and so does this thread's reading alongside them
   * (readHereToo); its other reads (the first chunk, a dead worker's) still carry cards.
   */
  lines?: boolean
  /**
   * This thread reads chunks too, with blocking reads, for as long as there are any (not only the first):
   * for a process that has nothing else to do meanwhile (the CLI), one isolate fewer for the same cores.
   */
  readHereToo?: boolean
}

/**
 * Reads `paths` in chunks of `chunkSize`, on `workerCount` threads, handing
 * each chunk's files to `take` (awaited, one call at a time, in the order the
 * chunks finish). Resolves once every chunk is taken. Takes `paths` over: they
 * are packed into one shared block (asLineFile) and the array is emptied.
 */
export async function readWithWorkers(
  script: URL,
  workerCount: number,
  folder: string,
  paths: string[],
  take: ChunkTaker,
  options: WorkerReadOptions = {}
): Promise<void> {
  const { signal, chunkSize = CHUNK_SIZE, resourceLimits, lines, readHereToo = false } = options
  const starts = chunkStarts(paths.length, chunkSize)
  const chunkCount = starts.length - 1
  const pathLines = asLineFile(paths)
  // From here on a path is a string only while its chunk is being read.
  paths.length = 0
  const chunkBytes = (chunk: number) => ({ pathBytes: pathLines.bytes, start: pathLines.starts[starts[chunk]], end: pathLines.starts[starts[chunk + 1]] })
  const chunkPaths = (chunk: number): string[] => {
    const { pathBytes, start, end } = chunkBytes(chunk)
    return pathsIn(pathBytes, start, end)
  }
  if (chunkCount === 0) return
  const handover = new Handover(take, Math.max(1, workerCount))
  let next = 0
  let stopped = false
  const lanes: WorkerLane[] = []

  const nextChunk = async (): Promise<number | null> => {
    await handover.room()
    signal?.throwIfAborted()
    if (stopped || handover.failure || next >= chunkCount) return null
    return next++
  }
  const readHere = async (chunk: number): Promise<void> => {
    handover.push(await readFiles(folder, chunkPaths(chunk), undefined, signal))
  }
  const runLane = async (lane: WorkerLane): Promise<void> => {
    for (let chunk = await nextChunk(); chunk !== null; chunk = await nextChunk()) {
      try {
        handover.push(await lane.read({ chunk, folder, ...chunkBytes(chunk), lines }))
      } catch (error) {
        if (stopped) return signal?.throwIfAborted()
        await readHere(chunk)
        if (!(error instanceof ChunkFailure)) return
      }
    }
  }

  const abort = (): void => {
    stopped = true
    for (const lane of lanes) void lane.worker.terminate()
  }
  signal?.addEventListener('abort', abort, { once: true })
  try {
    for (let i = 0; i < Math.min(workerCount, chunkCount); i++) {
      try {
        lanes.push(new WorkerLane(new Worker(script, { resourceLimits })))
      } catch {
        break // e.g. a packaged app that cannot start the script: this thread reads instead.
      }
    }
    // A worker takes a moment to start: this thread reads the first chunk meanwhile, so the first cards go out at once.
    const firstHere = async (): Promise<void> => {
      const chunk = lanes.length > 0 ? await nextChunk() : null
      if (chunk !== null) await readHere(chunk)
    }
    const allAlongside = async (): Promise<void> => {
      for (let chunk = await nextChunk(); chunk !== null; chunk = await nextChunk()) {
        const files: ScannedFile[] = []
        const paths = chunkPaths(chunk)
        for (let i = 0; i < paths.length; i += FILES_BETWEEN_TURNS) {
          files.push(...(await readFilesInWorker(folder, paths.slice(i, i + FILES_BETWEEN_TURNS), lines)))
          // A turn of the event loop every few files: a worker's reply is taken, and its next chunk sent, within
          // a few ms (read a whole chunk between turns, this thread left its worker idle a quarter of the time).
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
        handover.push(files)
      }
    }
    await Promise.all([readHereToo ? allAlongside() : firstHere(), ...lanes.map(runLane)])
    // Whatever no worker read (none started, or every one died) is read here.
    for (let chunk = await nextChunk(); chunk !== null; chunk = await nextChunk()) await readHere(chunk)
    await handover.done()
    signal?.throwIfAborted()
  } finally {
    signal?.removeEventListener('abort', abort)
    stopped = true
    for (const lane of lanes) void lane.worker.terminate()
    // A failed or cancelled read returns only once the taker is done with its chunk in hand.
    await handover.stop()
  }
}
