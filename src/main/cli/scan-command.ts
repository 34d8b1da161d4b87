// `tidings scan FOLDER [--json] [--watch]`: reads a folder of cards and reports
// its cards, copies and errors, as a summary for people or JSON lines for tools.
import { resolve } from 'node:path'
import type { CardError } from '../../shared/card'
import { messageOf } from '../../shared/errors'
import { parseCommandArgs } from './command-args'
import { unusableFolderExit, usageExit } from './exits'
import { stdio, type CliIo } from './io'
import { keepHeapNearLive } from './heap-growth'
import { JsonLines } from './json-lines'
import { streamScan, type StreamScanSummary } from './scan-stream'
import { startProgress } from './progress'

export const SCAN_HELP = `Usage: tidings scan FOLDER [--json] [--watch] [--workers N]

Reads every card (*.md, *.markdown) in FOLDER and its subfolders and reports
what it found. A bad card is reported with its reason and never stops the scan.

  --json        one JSON object per line, printed as the folder is read:
                {"type":"card",...} for each card as its first file is read
                (the card's own type, article or video, is in "cardType");
                a card found in more than one file is printed again, once
                its copies are settled, with its winning file and the rest
                in "aliases" (the last line for an id is the card); then
                {"type":"error","path","code","message"} for each bad file,
                and last {"type":"summary",...}
  --watch       keep watching the folder and report changes as they happen
  --workers N   worker threads to read with besides this one (0: this
                thread alone; default: one fewer than the cores when the
                folder is large)

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
  const parsed = parseScanArgs(args)
  if (parsed === 'help') return usageExit('scan', SCAN_HELP, io)
  if (typeof parsed === 'string') return usageExit('scan', SCAN_HELP, io, parsed)
  const folder = resolve(parsed.folder)
  if (parsed.watch) {
    const { runWatch } = await import('./watch-command')
    return runWatch(folder, { json: parsed.json })
  }

  keepHeapNearLive()
  const progress = startProgress(io)
  const lines = new JsonLines(io)
  let summary: StreamScanSummary
  try {
    summary = await streamScan(folder, {
      workers: parsed.workers,
      onProgress: progress.update,
      onCardLine: parsed.json ? (line) => lines.addTextDrained(line) : undefined
    })
  } catch (error) {
    progress.stop()
    return unusableFolderExit('scan', error, io)
  }
  progress.stop()
  if (parsed.json) {
    for (const error of summary.errors) await lines.addDrained({ type: 'error', ...error }, () => ({ type: 'error', path: error.path, code: error.code, message: 'unprintable' }))
    lines.add({ type: 'summary', ...summaryCounts(summary) }, () => ({ type: 'summary' }))
    lines.flush()
  } else printSummary(summary, io)
  return 0
}

function parseScanArgs(args: string[]): ScanArgs | 'help' | string {
  let parsed
  try {
    parsed = parseCommandArgs(args, { json: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false }, workers: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } })
  } catch (error) {
    return messageOf(error)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  let workers: number | 'auto' = 'auto'
  if (values.workers !== undefined) {
    const count = Number(values.workers)
    if (values.workers === '' || !Number.isInteger(count) || count < 0) return `--workers wants a whole number, got '${values.workers}'`
    workers = count
  }
  if (positionals.length > 1) return `one folder at a time (got '${positionals[0]}' and '${positionals[1]}')`
  if (positionals.length === 0) return 'which folder? Give the folder of cards to scan.'
  return { folder: positionals[0], json: values.json, watch: values.watch, workers }
}

function summaryCounts(summary: StreamScanSummary) {
  const { folder, files, cards, distinct, errors, durationMs } = summary
  return { folder, files, cards, distinct, errors: errors.length, durationMs: Math.round(durationMs) }
}

function printSummary(summary: StreamScanSummary, io: CliIo): void {
  const lines = [
    `Scanned ${summary.folder}`,
    `  ${plural(summary.files, 'card file')}: ${plural(summary.cards, 'card')}, ${summary.distinct} distinct once copies are merged, ${plural(summary.errors.length, 'error')} (${(summary.durationMs / 1000).toFixed(2)} s)`
  ]
  if (summary.shared.length > 0) {
    lines.push('', `Cards with more than one copy (the newest file wins, the others are aliases):`)
    for (const copies of summary.shared) {
      lines.push(`  ${copies.card.title || copies.card.id}`)
      copies.paths.forEach((path, i) => lines.push(`    ${i === 0 ? 'wins: ' : 'alias:'} ${path}`))
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
