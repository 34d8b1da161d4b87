// `tidings cache FOLDER`: downloads every image the folder's cards name into the offline
// image cache, the same cache (and the same rules) the app uses.
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Presets, SingleBar } from 'cli-progress'
import type { ImageCacheStatus } from '../../shared/contract'
import { defaultDataDir, imageCacheDir } from '../core/data-dir'
import { imageUrlsOfCard } from '../core/images/card-images'
import { parseAppState, STATE_FILE_NAME } from '../core/journal/app-state'
import { createImageService, type ImageDetails, type ImageService } from '../core/images/image-service'
import { scanFolder, type ScanResult } from '../core/scan/scan'
import { messageOf } from '../../shared/errors'
import { parseCommandArgs } from './command-args'
import { unusableFolderExit, usageExit } from './exits'
import { stdio, type CliIo } from './io'

export const CACHE_HELP = `Usage: tidings cache FOLDER [--json] [--cache-dir DIR | --data-dir DIR] [--allow-private-images]

Downloads every image the cards in FOLDER name (their own images, their
providers' logos, related items' images and logos) into the offline image
cache, so Tidings shows them with no network. Images already cached are not
downloaded again; images that failed before are tried again.

Only JPEG, PNG, GIF, WebP and AVIF are kept, judged by their bytes; SVG, HTML
and anything else is refused. Images over 20 MB are refused. Images on
loopback, private, link-local and other local addresses are refused
("private-address"), after every redirect and at connect time.

  --json           one JSON object per line: {"type":"image","url",...,"state"}
                   for each image (state: cached, already-cached, failed or
                   pending), then {"type":"summary",...}
  --cache-dir DIR  the image cache folder (default: DATA_DIR/image-cache)
  --data-dir DIR   the Tidings data folder (default: $TIDINGS_DATA_DIR or the
                   app data folder)
  --concurrency N  downloads at once (default 8; at most 4 from one host)
  --allow-private-images
                   let images come from local addresses (a home server); the
                   data folder's allowPrivateImages setting does the same

Exit status: 0 when the folder was read (even if some images failed), 1 for
bad usage or an unusable cache folder, 2 when the folder cannot be used.
`

interface CacheArgs {
  folder: string
  json: boolean
  cacheDir: string
  concurrency: number
  allowPrivateImages: boolean
  /** Whose state.json settings apply; null with --cache-dir. */
  dataDir: string | null
}

type ImageOutcome = 'cached' | 'already-cached' | 'failed' | 'pending'

export async function run(args: string[], io: CliIo = stdio): Promise<number> {
  const parsed = parseCacheArgs(args)
  if (parsed === 'help') return usageExit('cache', CACHE_HELP, io)
  if (typeof parsed === 'string') return usageExit('cache', CACHE_HELP, io, parsed)
  const started = Date.now()
  let scan: ScanResult
  try {
    scan = await scanFolder(resolve(parsed.folder))
  } catch (error) {
    return unusableFolderExit('cache', error, io)
  }
  const urls = [...new Set(scan.cards.flatMap((card) => Object.values(imageUrlsOfCard(card)).flat()))]
  const service = createImageService({ cacheDir: parsed.cacheDir, srcFor: (hash) => hash, concurrency: parsed.concurrency, allowPrivateImages: parsed.allowPrivateImages || (await allowsPrivateImages(parsed.dataDir)) })
  let interrupted = false
  const stopOnSignal = () => {
    interrupted = true
    void service.close()
  }
  process.once('SIGINT', stopOnSignal)
  try {
    try {
      await service.whenIdle()
    } catch (error) {
      io.err(`tidings cache: cannot use the image cache folder ${parsed.cacheDir}: ${(error as Error).message}\n`)
      return 1
    }
    const before = new Set(urls.filter((url) => service.inspect(url)?.state === 'cached'))
    if (!parsed.json) io.out(`Caching ${urls.length} images named by ${scan.cards.length} cards into ${parsed.cacheDir}\n`)
    const progress = showProgress(io, parsed.json)
    service.onStatus(progress.update)
    service.track(scan.folder, scan.cards, [])
    service.retryFailed()
    progress.update(service.status())
    await service.whenIdle()
    progress.stop()
    if (interrupted) {
      io.err('tidings cache: interrupted; the images cached so far are kept\n')
      return 130
    }
    const outcomes = urls.map((url) => describe(url, service, before))
    const summary = summarise(scan, parsed.cacheDir, outcomes, Date.now() - started)
    if (parsed.json) printJson(outcomes, summary, io)
    else printSummary(summary, io)
    return 0
  } finally {
    process.removeListener('SIGINT', stopOnSignal)
    await service.close()
  }
}

function parseCacheArgs(args: string[]): CacheArgs | 'help' | string {
  let parsed
  try {
    parsed = parseCommandArgs(args, {
      json: { type: 'boolean', default: false },
      'allow-private-images': { type: 'boolean', default: false },
      'cache-dir': { type: 'string' },
      'data-dir': { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    })
  } catch (error) {
    return messageOf(error)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const { 'cache-dir': cacheDir, 'data-dir': dataDir } = values
  if (cacheDir === '') return '--cache-dir wants a folder'
  if (dataDir === '') return '--data-dir wants a folder'
  let concurrency = 8
  if (values.concurrency !== undefined) {
    const count = Number(values.concurrency)
    if (values.concurrency === '' || !Number.isInteger(count) || count < 1 || count > 64) return `--concurrency wants a whole number from 1 to 64, got '${values.concurrency}'`
    concurrency = count
  }
  if (positionals.length > 1) return `one folder at a time (got '${positionals[0]}' and '${positionals[1]}')`
  if (positionals.length === 0) return 'which folder? Give the folder of cards whose images to cache.'
  if (cacheDir && dataDir) return 'give --cache-dir or --data-dir, not both'
  return {
    folder: positionals[0],
    json: values.json,
    cacheDir: resolve(cacheDir ?? imageCacheDir(dataDir ?? defaultDataDir())),
    concurrency,
    allowPrivateImages: values['allow-private-images'],
    dataDir: cacheDir ? null : resolve(dataDir ?? defaultDataDir())
  }
}

/** The user's allowPrivateImages setting in the data folder (false when there is none). */
async function allowsPrivateImages(dataDir: string | null): Promise<boolean> {
  if (dataDir === null) return false
  const text = await readFile(join(dataDir, STATE_FILE_NAME), 'utf8').catch(() => '')
  return parseAppState(text).settings.allowPrivateImages
}

interface ImageLine {
  type: 'image'
  url: string
  state: ImageOutcome
  hash?: string
  mime?: string
  size?: number
  reason?: string
  detail?: string
}

function describe(url: string, service: ImageService, before: Set<string>): ImageLine {
  const details: ImageDetails | null = service.inspect(url)
  if (!details) return { type: 'image', url, state: 'pending' }
  const state: ImageOutcome = details.state === 'cached' ? (before.has(url) ? 'already-cached' : 'cached') : details.state
  const line: ImageLine = { type: 'image', url, state, hash: details.hash }
  if (details.state === 'cached') Object.assign(line, { mime: details.mime, size: details.size })
  if (details.state === 'failed') Object.assign(line, { reason: details.reason, detail: details.detail })
  // An image the cache had no room for, or evicted to make room, is still pending.
  if (details.state === 'pending') line.reason = 'no room in the cache'
  return line
}

function summarise(scan: ScanResult, cacheDir: string, lines: ImageLine[], durationMs: number) {
  const count = (state: ImageOutcome) => lines.filter((line) => line.state === state).length
  const failedByReason: Record<string, number> = {}
  const exampleFailures: Record<string, string> = {}
  for (const line of lines) {
    if (line.state !== 'failed') continue
    const reason = line.reason ?? 'unknown'
    failedByReason[reason] = (failedByReason[reason] ?? 0) + 1
    exampleFailures[reason] ??= `${line.url.slice(0, 100)}: ${line.detail ?? reason}`
  }
  return {
    type: 'summary' as const,
    folder: scan.folder,
    cacheDir,
    cards: scan.cards.length,
    unreadableFiles: scan.errors.length,
    images: lines.length,
    cached: count('cached'),
    alreadyCached: count('already-cached'),
    failed: count('failed'),
    pending: count('pending'),
    failedByReason,
    exampleFailures,
    bytesCached: lines.reduce((sum, line) => sum + (line.state === 'cached' ? (line.size ?? 0) : 0), 0),
    durationMs
  }
}

function printJson(lines: ImageLine[], summary: ReturnType<typeof summarise>, io: CliIo): void {
  let block = ''
  for (const line of [...lines, summary]) {
    block += `${JSON.stringify(line)}\n`
    if (block.length > 256 * 1024) {
      io.out(block)
      block = ''
    }
  }
  io.out(block)
}

function printSummary(summary: ReturnType<typeof summarise>, io: CliIo): void {
  const lines = [
    `Cached the images of ${summary.cards} cards in ${summary.folder}`,
    `  images:          ${summary.images}`,
    `  cached now:      ${summary.cached} (${megabytes(summary.bytesCached)})`,
    `  already cached:  ${summary.alreadyCached}`,
    `  failed:          ${summary.failed}`
  ]
  const reasons = Object.entries(summary.failedByReason).sort((a, b) => b[1] - a[1])
  for (const [reason, count] of reasons) lines.push(`    ${reason.padEnd(20)} ${String(count).padStart(6)}   e.g. ${summary.exampleFailures[reason] ?? ''}`)
  if (summary.pending > 0) lines.push(`  not cached (the cache is full): ${summary.pending}`)
  if (summary.unreadableFiles > 0) lines.push(`  (${summary.unreadableFiles} files could not be read as cards; run tidings scan for details)`)
  lines.push(`Cache folder: ${summary.cacheDir} (${(summary.durationMs / 1000).toFixed(1)} s)`)
  io.out(`${lines.join('\n')}\n`)
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

interface Progress {
  update(status: ImageCacheStatus): void
  stop(): void
}

const PLAIN_LINE_EVERY_MS = 2000

/** A bar on a terminal; elsewhere a plain line now and then (never on stdout with --json). */
function showProgress(io: CliIo, json: boolean): Progress {
  if (io.interactive) {
    let bar: SingleBar | null = null
    return {
      update(status) {
        const settled = status.cached + status.failed
        if (!bar) {
          bar = new SingleBar({ format: 'Caching images [{bar}] {value}/{total} | {failed} failed | {eta_formatted} left', stream: process.stderr, clearOnComplete: true }, Presets.shades_classic)
          bar.start(status.total, settled, { failed: status.failed })
        } else {
          bar.setTotal(status.total)
          bar.update(settled, { failed: status.failed })
        }
      },
      stop: () => bar?.stop()
    }
  }
  if (json) return { update: () => undefined, stop: () => undefined }
  let lastAt = 0
  return {
    update(status) {
      const now = Date.now()
      if (now - lastAt < PLAIN_LINE_EVERY_MS || status.total === 0) return
      lastAt = now
      io.out(`caching images: ${status.cached + status.failed} of ${status.total} done (${status.cached} cached, ${status.failed} failed)\n`)
    },
    stop: () => undefined
  }
}
