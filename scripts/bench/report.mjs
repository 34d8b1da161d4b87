// Turns the measurements into the table `npm run bench` prints and writes to
// BENCHMARKS.md, with each target and whether the largest folder meets it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { ms } from './core-rows.mjs'

const END_MARK = '<!-- bench:end -->'

const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a')
const mb = (value) => (Number.isFinite(value) ? `${Math.round(value)} MB` : 'n/a')
const pair = (p) => (p ? `${ms(p.p50)} / ${ms(p.p95)}${p.missed ? ` (${p.missed} lost)` : ''}` : 'n/a')

/** 'pass', or 'miss' with how far over the limit the value is. */
function verdict(value, limit, format) {
  if (!Number.isFinite(value)) return 'n/a'
  if (value <= limit) return 'pass'
  return `**miss**: ${format(value)}, ${Math.round((value / limit - 1) * 100)}% over`
}

/**
 * `results` maps a card count to { core, browser }. Returns the rows for the
 * table; each row's verdict is judged on the largest folder.
 */
export function buildRows(results) {
  const sizes = Object.keys(results).map(Number).sort((a, b) => a - b)
  const largest = results[sizes.at(-1)]
  const rows = []
  const row = (measure, pick, format, target = '', judge = null) => {
    const values = sizes.map((size) => {
      const value = pick(results[size])
      return value === undefined ? 'n/a' : format(value)
    })
    const at = judge ? judge(pick(largest)) : ''
    rows.push({ measure, values, target, verdict: at })
  }
  const core = (f) => (r) => (r.core ? f(r.core) : undefined)
  const browser = (f) => (r) => (r.browser && !r.browser.error ? f(r.browser) : undefined)

  row('`cat` of the same files (the reading limit)', core((c) => c.catMs), ms)
  row('naive loop: read + `matter(text)`, one thread', core((c) => c.naiveMs), ms)
  row('**cold scan**, core, no manifest (streamFolder, as the app scans)', core((c) => c.scanMs), ms)
  row('  cold scan ÷ `cat`', core((c) => c.scanToCat), ratio, '≤ 2×', (v) => verdict(v, 2, ratio))
  row('  cold scan ÷ naive loop', core((c) => c.scanToNaive), ratio, '≤ 0.35×', (v) => verdict(v, 0.35, ratio))
  row('  CPU time (all threads): cat / cold scan / naive loop', core((c) => c), (c) => `${ms(c.catCpuMs)} / ${ms(c.scanCpuMs)} / ${ms(c.naiveCpuMs)}`)
  row('  cards/s (stories / files)', core((c) => c), (c) => `${Math.round((c.scanFiles / c.scanMs) * 1000).toLocaleString('en')} (${c.scanCards.toLocaleString('en')} / ${c.scanFiles.toLocaleString('en')})`)
  row('  whole-result scan (scanFolder, as `tidings scan` does)', core((c) => c.collectMs), ms)
  row('**warm re-open**, core scan with manifest', core((c) => c.reopenMs), ms)
  row('  warm re-open ÷ `cat`', core((c) => c.reopenToCat), ratio, '≤ 0.5×', (v) => verdict(v, 0.5, ratio))
  row('  live folder re-open (sync with manifest) ÷ `cat`', core((c) => c.liveReopenMs / c.catMs), ratio, '≤ 0.5×', (v) => verdict(v, 0.5, ratio))
  row('live folder: fresh sync, every batch sent', core((c) => c.liveSyncMs), ms)
  row('**a rewrite** → its batch event, p50 / p95', core((c) => c.rewriteToEvent), pair)
  row('**a rewrite** → row in the renderer, p50 / p95', browser((b) => b.rewriteToRow), pair, '≤ 300 ms', (p) => verdict(p?.p95, 300, ms))
  row('**main peak RSS**: live folder (sync + watcher + rewrites)', core((c) => c.livePeakRssMb), mb, '≤ 300 MB', (v) => verdict(v, 300, mb))
  row('  peak RSS: cold scan (streamFolder) / whole-result scan', core((c) => c), (c) => `${mb(c.scanPeakRssMb)} / ${mb(c.collectPeakRssMb)}`)
  row('  peak RSS: `tidings serve` in the browser run', browser((b) => b.servePeakRssMb), mb, '≤ 300 MB', (v) => verdict(v, 300, mb))
  row('**first rows**, fresh sync (Chromium; median of the runs)', browser((b) => b.firstRowsFreshMs), ms, '≤ 1 s', (v) => verdict(v, 1000, ms))
  row('**first rows**, restart with cards in IndexedDB (median)', browser((b) => b.firstRowsRestartMs), ms, '≤ 1 s', (v) => verdict(v, 1000, ms))
  row('all cards in IndexedDB (fresh sync)', browser((b) => b.fullSyncMs), ms, 'report')
  row('**facet click**, p50 / p95', browser((b) => b.facet), pair, 'p95 ≤ 100 ms', (p) => verdict(p?.p95, 100, ms))
  row('**search keystroke**, p50 / p95', browser((b) => b.search), pair, 'p95 ≤ 100 ms', (p) => verdict(p?.p95, 100, ms))
  row('**renderer JS heap** after loading', browser((b) => b.heapMb), mb, '≤ 300 MB', (v) => verdict(v, 300, mb))
  return { sizes, rows }
}

export function renderTable({ sizes, rows }) {
  const header = ['measure', ...sizes.map((size) => `${size.toLocaleString('en')} cards`), 'target', `at ${sizes.at(-1).toLocaleString('en')}`]
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const row of rows) lines.push(`| ${[row.measure, ...row.values, row.target, row.verdict].join(' | ')} |`)
  return lines.join('\n')
}

export function renderRunFacts({ date, commit, machine, loadBefore, loadAfter, browserNote, options }) {
  return [
    `Run ${date} · commit \`${commit}\` · \`${options}\``,
    '',
    `Machine: ${machine.os}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; Node ${machine.node}.`,
    `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAfter}.`,
    ...(browserNote ? ['', browserNote] : [])
  ].join('\n')
}

/** Rewrites the generated part of BENCHMARKS.md and keeps the hand-written notes after it. */
export function writeBenchmarks(path, generated) {
  const kept = existsSync(path) && readFileSync(path, 'utf8').includes(END_MARK) ? readFileSync(path, 'utf8').split(END_MARK)[1] : '\n\n## Notes\n\n(Analysis of the figures above; kept when the bench rewrites the table.)\n'
  const head = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (scripts/bench.mjs). Everything above the end mark is regenerated; the notes below it are kept. -->',
    '',
    generated,
    '',
    END_MARK
  ].join('\n')
  writeFileSync(path, head + kept)
}
