// `tidings scan FOLDER --watch [--json]`: the scan's report, then one line per
// change as it happens, until interrupted (SIGINT/SIGTERM exit 0 cleanly).
import type { Card, CardError } from '../../shared/card'
import type { LibraryBatch, ManifestEntry, TidingsEvent } from '../../shared/contract'
import { scanFolder, type ScanResult } from '../core/scan/scan'
import { LiveFolder } from '../core/watch/live-folder'
import { unusableFolderExit } from './exits'
import { stdio, type CliIo } from './io'
import { startProgress } from './progress'
import { JsonLines, unprintableCard } from './json-lines'
import { printJson, summaryOf } from './scan-report'

export interface WatchOptions {
  json: boolean
  io?: CliIo
  workers?: number | 'auto'
  /** Stops watching, like SIGINT (for callers that run it in-process). */
  signal?: AbortSignal
}

/** What was last reported for each file, to tell an added card from a changed one. */
class Reported {
  readonly idOfPath = new Map<string, string | null>()
  readonly pathOfId = new Map<string, string>()

  fromScan(result: ScanResult): void {
    for (const file of result.scanned) this.idOfPath.set(file.path, file.card?.id ?? null)
    for (const card of result.cards) this.pathOfId.set(card.id, card.path)
  }
}

export async function runWatch(folder: string, options: WatchOptions): Promise<number> {
  const io = options.io ?? stdio
  const print = options.json ? jsonPrinter(io) : textPrinter(io)
  const reported = new Reported()
  let initialDone = false
  const early: TidingsEvent<Card>[] = []

  const onEvent = (event: TidingsEvent<Card>): void => {
    if (!initialDone) return void early.push(event)
    if (event.type === 'batch') print.batch(event.batch, reported)
    else if (event.type === 'folder-status') io.err(event.available ? `tidings: ${folder} is back; watching again\n` : `tidings: ${folder} is unavailable (${event.reason ?? 'gone'}); waiting for it to return\n`)
    else if (event.type === 'watch-error') io.err(`tidings: ${event.message}\n`)
  }

  // Ctrl+C is a clean stop at any point, the initial scan included.
  const stopped = waitForStop(options.signal)
  const scanAbort = new AbortController()
  void stopped.promise.then(() => scanAbort.abort())
  // Watch first, then scan: a change made while the scan runs is caught by the sync below.
  const live = new LiveFolder({ folder, emit: onEvent, workers: options.workers })
  const progress = startProgress(io)
  // Keeps the process alive: the watcher and its timers do not.
  const keepAlive = setInterval(() => undefined, 1 << 30)
  try {
    let scan: ScanResult
    try {
      await live.start()
      scan = await scanFolder(folder, { workers: options.workers ?? 'auto', onProgress: progress.update, signal: scanAbort.signal })
    } catch (error) {
      if (scanAbort.signal.aborted) return 0
      return unusableFolderExit('scan', error, io)
    } finally {
      progress.stop()
    }
    print.initial(scan)
    reported.fromScan(scan)
    initialDone = true
    await live.sync(manifestOf(scan))
    for (const event of early.splice(0)) onEvent(event)
    io.err(`tidings: watching ${folder} for changes (Ctrl+C to stop)\n`)
    await stopped.promise
    return 0
  } finally {
    stopped.dispose()
    clearInterval(keepAlive)
    await live.close()
  }
}

function manifestOf(scan: ScanResult): ManifestEntry[] {
  return scan.scanned
    .filter((file) => file.error?.code !== 'vanished')
    .map((file) => ({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, id: file.card?.id ?? null, publishedAtMs: file.card?.publishedAtMs ?? null }))
}

function waitForStop(signal?: AbortSignal): { promise: Promise<void>; dispose(): void } {
  let stop = (): void => undefined
  const promise = new Promise<void>((resolve) => (stop = resolve))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  signal?.addEventListener('abort', stop, { once: true })
  if (signal?.aborted) stop()
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      signal?.removeEventListener('abort', stop)
    }
  }
}

export type ChangeLine =
  | { type: 'added' | 'changed'; id: string; path: string; card: Card }
  | { type: 'removed'; id: string | null; path: string }
  | ({ type: 'error'; id: string | null } & CardError)

/** One batch as change lines, updating what has been reported. */
function changeLines(batch: LibraryBatch<Card>, reported: Reported): ChangeLine[] {
  const lines: ChangeLine[] = []
  for (const id of batch.remove) {
    const path = reported.pathOfId.get(id) ?? ''
    reported.pathOfId.delete(id)
    lines.push({ type: 'removed', id, path })
  }
  for (const path of batch.removedFiles) {
    // A broken file has no card to remove, so its removal is reported by path. (An alias's
    // removal, or a rename, shows as its card's change.)
    const id = reported.idOfPath.get(path)
    reported.idOfPath.delete(path)
    if (id === null) lines.push({ type: 'removed', id: null, path })
  }
  for (const card of batch.upsert) {
    lines.push({ type: reported.pathOfId.has(card.id) ? 'changed' : 'added', id: card.id, path: card.path, card })
    reported.pathOfId.set(card.id, card.path)
  }
  for (const entry of batch.files) reported.idOfPath.set(entry.path, entry.id)
  for (const error of batch.errors) lines.push({ type: 'error', id: reported.idOfPath.get(error.path) ?? null, ...error })
  return lines
}

interface Printer {
  initial(scan: ScanResult): void
  batch(batch: LibraryBatch<Card>, reported: Reported): void
}

function jsonPrinter(io: CliIo): Printer {
  return {
    initial: (scan) => printJson(scan, io),
    batch(batch, reported) {
      const lines = new JsonLines(io)
      for (const line of changeLines(batch, reported)) lines.add(line, (error) => unprintableCard({ id: line.id ?? '', path: line.path }, error))
      lines.flush()
    }
  }
}

function textPrinter(io: CliIo): Printer {
  return {
    initial(scan) {
      const summary = summaryOf(scan)
      const lines = [`Scanned ${scan.folder}`, `  ${summary.files} card files: ${summary.cards} cards, ${summary.distinct} distinct once copies are merged, ${summary.errors} errors`]
      for (const error of scan.errors) lines.push(`  ${error.path}`, `    ${error.code}${error.line === undefined ? '' : `, line ${error.line}`}: ${error.message}`)
      io.out(lines.join('\n') + '\n')
    },
    batch(batch, reported) {
      const lines = changeLines(batch, reported).map((line) => {
        switch (line.type) {
          case 'added':
          case 'changed':
            return `${line.type === 'added' ? '+ added  ' : '~ changed'} ${line.card.title || line.id}  (${line.path})`
          case 'removed':
            return `- removed  ${line.id ?? line.path}${line.id && line.path ? `  (${line.path})` : ''}`
          case 'error':
            return `! error    ${line.path}: ${line.code}: ${line.message}`
        }
      })
      if (lines.length > 0) io.out(lines.join('\n') + '\n')
    }
  }
}
