// `tidings scan FOLDER [--json] [--watch]`: reads a folder of cards and reports
// its cards, stories and errors, as a summary for people or JSON lines for tools.
import { resolve } from 'node:path'
import type { Card, CardError } from '../../shared/card'
import { FolderUnusableError, type ScanResult } from '../core/scan/scan'
import { stdio, type CliIo } from './io'
import { streamScan, type StreamScanSummary } from './scan-stream'
import { startProgress } from './progress'

export const SCAN_HELP = `Usage: tidings scan FOLDER [--json] [--watch] [--workers N]

Reads every card (*.md, *.markdown) in FOLDER and its subfolders and reports
what it found. A bad card is reported with its reason and never stops the scan.

  --json        one JSON object per line, printed as the folder is read:
                {"type":"card",...} for each story as its first file is read
                (the card's own type, article or video, is in "cardType");
                a story found in more than one file is printed again after
                the others with its winning file and the rest in "aliases"
                (the last line for an id is the story); then
                {"type":"error","path","code","message"} for each bad file,
                and last {"type":"summary",...}
  --watch       keep watching the folder and report changes as they happen
  --workers N   worker threads to read with (0: none; default: every core
                when the folder is large)

Exit status: 0 when the folder was read (even with bad cards), 1 for bad
usage, 2 when the folder cannot be used (missing, not a folder, unreadable).
`

interface ScanArgs {
  folder: string
  json: boolean
  watch: boolean
  workers: number | 'auto'
}

export async function run(args: string[], io: CliIo = stdio): Promise<number> {
  const parsed = parseArgs(args)
  if (parsed === 'help') {
    io.out(SCAN_HELP)
    return 0
  }
  if (typeof parsed === 'string') {
    io.err(`tidings scan: ${parsed}\n\n${SCAN_HELP}`)
    return 1
  }
  const folder = resolve(parsed.folder)
  if (parsed.watch) {
    const { runWatch } = await import('./watch-command')
    return runWatch(folder, { json: parsed.json })
  }

  const progress = startProgress(io)
  const writer = lineWriter(io)
  let summary: StreamScanSummary
  try {
    summary = await streamScan(folder, {
      workers: parsed.workers,
      onProgress: progress.update,
      onCard: parsed.json ? (card) => writer.line(cardLine(card)) : () => undefined
    })
  } catch (error) {
    progress.stop()
    if (error instanceof FolderUnusableError) {
      io.err(`tidings scan: cannot open folder ${error.folder}: ${error.reason}\n`)
      return 2
    }
    throw error
  }
  progress.stop()
  if (parsed.json) {
    for (const story of summary.shared) await writer.line(cardLine(story.card))
    for (const error of summary.errors) await writer.line({ type: 'error', ...error })
    await writer.line({ type: 'summary', ...summaryCounts(summary) })
    writer.end()
  } else printSummary(summary, io)
  return 0
}

function parseArgs(args: string[]): ScanArgs | 'help' | string {
  let folder: string | undefined
  let json = false
  let watch = false
  let workers: number | 'auto' = 'auto'
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--help' || arg === '-h') return 'help'
    else if (arg === '--json') json = true
    else if (arg === '--watch') watch = true
    else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const value = arg === '--workers' ? args[++i] : arg.slice('--workers='.length)
      const count = Number(value)
      if (value === undefined || !Number.isInteger(count) || count < 0) return `--workers wants a whole number, got '${value ?? ''}'`
      workers = count
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option '${arg}'`
    else if (folder === undefined) folder = arg
    else return `one folder at a time (got '${folder}' and '${arg}')`
  }
  if (folder === undefined) return 'which folder? Give the folder of cards to scan.'
  return { folder, json, watch, workers }
}

export function summaryOf(result: ScanResult) {
  const cardFiles = result.scanned.filter((file) => file.card !== null).length
  return {
    folder: result.folder,
    files: result.scanned.length,
    cards: cardFiles,
    stories: result.stories.length,
    errors: result.errors.length,
    durationMs: Math.round(result.durationMs)
  }
}

function summaryCounts(summary: StreamScanSummary) {
  const { folder, files, cards, stories, errors, durationMs } = summary
  return { folder, files, cards, stories, errors: errors.length, durationMs: Math.round(durationMs) }
}

// Lines go out in blocks: one write per card would dominate a large folder. A
// block waits for stdout to drain, so a slow reader slows the scan instead of
// the lines piling up in memory.
function lineWriter(io: CliIo) {
  let block = ''
  return {
    async line(value: object): Promise<void> {
      block += `${JSON.stringify(value)}\n`
      if (block.length > 256 * 1024) {
        io.out(block)
        block = ''
        await io.drained?.()
      }
    },
    end(): void {
      if (block !== '') io.out(block)
      block = ''
    }
  }
}

/** A card as a JSON line. The line's `type` says "card", so the card's own type moves to `cardType`. */
export function cardLine(card: Card): object {
  const { type: cardType, ...fields } = card
  return { type: 'card', ...fields, cardType }
}

function printSummary(summary: StreamScanSummary, io: CliIo): void {
  const lines = [
    `Scanned ${summary.folder}`,
    `  ${plural(summary.files, 'card file')}: ${plural(summary.cards, 'card')} in ${plural(summary.stories, 'story', 'stories')}, ${plural(summary.errors.length, 'error')} (${(summary.durationMs / 1000).toFixed(2)} s)`
  ]
  if (summary.shared.length > 0) {
    lines.push('', `Stories with more than one file (the newest wins, the others are aliases):`)
    for (const story of summary.shared) {
      lines.push(`  ${story.card.title || story.card.id}`)
      story.paths.forEach((path, i) => lines.push(`    ${i === 0 ? 'wins: ' : 'alias:'} ${path}`))
    }
  }
  if (summary.errors.length > 0) {
    lines.push('', `Errors (${summary.errors.length}):`)
    for (const error of summary.errors) lines.push(...describeError(error))
  }
  io.out(`${lines.join('\n')}\n`)
}

function describeError(error: CardError): string[] {
  const where = error.line === undefined ? '' : `, line ${error.line}`
  return [`  ${error.path}`, `    ${error.code}${where}: ${error.message}`]
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
