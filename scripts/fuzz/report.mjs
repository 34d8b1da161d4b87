// The fuzz run's tables: printed after every run, written to RELIABILITY.md
// after a full one. Each full phase also leaves its results in
// artifacts/fuzz/<phase>.json, so phases run one at a time (--phases) still
// make one report; every table says which seed and commit it came from.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadAverage, machine } from '../bench/measure.mjs'
import { REPO_ROOT } from './corpus.mjs'

const PHASES = ['mutate', 'live', 'kill']
const END_MARK = '<!-- fuzz:end -->'
const RESULTS_DIR = join(REPO_ROOT, 'artifacts', 'fuzz')

/** Prints every finding and the totals; returns true when something new (not a known open defect) was found. */
export function printSummary(results, log) {
  const findings = allFindings(results)
  for (const f of findings) log(`  ${f.known ? `KNOWN (${f.known})` : 'NEW'} [${f.phase}/${f.stage}] ${f.kind}: ${f.problem}${f.detail ? ` -- ${f.detail}` : ''}${f.source ? ` -- source ${f.source}` : ''}`)
  const fresh = findings.filter((f) => !f.known)
  const lost = PHASES.reduce((sum, phase) => sum + (results[phase]?.cardsLost ?? 0), 0)
  const marksLost = PHASES.reduce((sum, phase) => sum + (results[phase]?.marksLost ?? 0), 0)
  log(`fuzz seed ${results.seed}: ${findings.length} findings (${fresh.length} new, ${findings.length - fresh.length} known), ${lost} cards and ${marksLost} marks lost, in ${results.seconds} s`)
  return fresh.length > 0
}

function allFindings(results) {
  return PHASES.flatMap((phase) => (results[phase]?.findings ?? []).map((f) => ({ phase, ...f })))
}

export function writeReliability(results) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  mkdirSync(RESULTS_DIR, { recursive: true })
  const phases = {}
  for (const phase of PHASES) {
    const file = phase === 'mutate' && results.mutate ? `mutate-${results.mutate.slice.replace('/', '-of-')}.json` : `${phase}.json`
    if (results[phase]) writeFileSync(join(RESULTS_DIR, file), JSON.stringify({ ...results[phase], seed: results.seed, commit, date, load: loadAverage() }, null, 1))
  }
  for (const phase of ['live', 'kill']) if (existsSync(join(RESULTS_DIR, `${phase}.json`))) phases[phase] = JSON.parse(readFileSync(join(RESULTS_DIR, `${phase}.json`), 'utf8'))
  phases.mutate = mergedSlices(results.mutate)
  const m = machine()
  const generated = [
    '# Reliability',
    '',
    '<!-- Written by `npm run fuzz` (scripts/fuzz.mjs). Everything above the end mark is regenerated; the notes below it are kept. -->',
    '',
    `Machine: ${m.os}; ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; Node ${m.node}. Replay any phase with \`node scripts/fuzz.mjs --phases PHASE --seed SEED\`.`,
    '',
    '## Summary',
    '',
    '| phase | seed | run | what ran | what was injected | lost |',
    '|---|---|---|---|---|---|',
    phases.mutate ? `| mutate | ${phases.mutate.seed} | ${phases.mutate.slices.length} slice(s), see below · ${phases.mutate.seconds} s | ${phases.mutate.count.toLocaleString('en')} mutated real cards (from ${phases.mutate.corpus.toLocaleString('en')} in ../shared/cards), each through the parser and \`tidings scan --json\` beside ${phases.mutate.controls} untouched controls | byte flips, truncations, huge strings, deep nesting, alias tricks, structure tricks | ${mutationLoss(phases.mutate)} |` : null,
    phases.live ? `| live | ${phases.live.seed} | ${phases.live.date} · \`${phases.live.commit}\` · ${phases.live.seconds} s${loadOf(phases.live)} | ${phases.live.operations.toLocaleString('en')} random operations in ${phases.live.bursts} bursts on \`tidings serve\` + Chromium, the page checked against a model after every burst | file operations racing the watcher, marks racing both, an IndexedDB wipe after operation ${phases.live.wipe?.atOperation ?? '?'} | ${phases.live.cardsLost} cards, ${phases.live.marksLost} marks |` : null,
    phases.kill ? `| kill | ${phases.kill.seed} | ${phases.kill.date} · \`${phases.kill.commit}\` · ${phases.kill.seconds} s${loadOf(phases.kill)} | ${phases.kill.kills} SIGKILLs and restarts of \`tidings serve\` on a ${phases.kill.cards}-card folder, the page reloaded each time | SIGKILL of the host at a random point (${phases.kill.killsMidSync} of ${phases.kill.kills} during a sync, the page still behind the folder), a mark made just before each kill | ${phases.kill.cardsLost} cards, ${phases.kill.marksLost} marks |` : null,
    '',
    ...(phases.mutate ? mutationSection(phases.mutate) : []),
    ...(phases.live ? liveSection(phases.live) : []),
    ...(phases.kill ? killSection(phases.kill) : []),
    ...findingsSection(PHASES.flatMap((phase) => (phases[phase]?.findings ?? []).map((f) => ({ phase, seed: phases[phase].seed, ...f })))),
    END_MARK
  ]
    .filter((line) => line !== null)
    .join('\n')
  const path = join(REPO_ROOT, 'RELIABILITY.md')
  const kept = existsSync(path) && readFileSync(path, 'utf8').includes(END_MARK) ? readFileSync(path, 'utf8').split(END_MARK)[1] : '\n\n## Notes\n\n(Hand-written; kept when the fuzz rewrites the tables above.)\n'
  writeFileSync(path, generated + kept)
}

/** The stored slices of the mutate phase with this run's seed and slice count (or the newest stored ones), added up. */
function mergedSlices(current) {
  const stored = readdirSync(RESULTS_DIR)
    .filter((name) => /^mutate-\d+-of-\d+\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')))
  const anchor = current ? stored.find((s) => s.slice === current.slice) : stored.sort((a, b) => b.date.localeCompare(a.date))[0]
  if (!anchor) return null
  // Slices of one seed and size that do not overlap (1/2 with 3/4 and 4/4 is the whole run too).
  const slices = []
  for (const slice of stored.filter((s) => s.seed === anchor.seed && s.of === anchor.of).sort((a, b) => a.from - b.from || b.date.localeCompare(a.date))) {
    if (slices.length === 0 || slice.from >= slices.at(-1).to) slices.push(slice)
  }
  const rows = anchor.rows.map((row) => ({ ...row, codes: {} }))
  for (const row of rows) for (const key of ['files', 'cards', 'errors', 'crashed', 'hung', 'slow', 'lostFromScan']) row[key] = 0
  for (const slice of slices) {
    for (const row of slice.rows) {
      const sum = rows.find((r) => r.kind === row.kind)
      for (const key of ['files', 'cards', 'errors', 'crashed', 'hung', 'slow', 'lostFromScan']) sum[key] += row[key]
      sum.maxMs = Math.max(sum.maxMs, row.maxMs)
      for (const [code, n] of Object.entries(row.codes)) sum.codes[code] = (sum.codes[code] ?? 0) + n
    }
  }
  return {
    ...anchor,
    rows,
    count: slices.reduce((sum, s) => sum + s.count, 0),
    seconds: slices.reduce((sum, s) => sum + s.seconds, 0),
    findings: slices.flatMap((s) => s.findings),
    slices: slices.map((s) => `${s.slice} (${s.from}–${s.to - 1}, ${s.date}, \`${s.commit}\`${loadOf(s, ', ')})`)
  }
}

function mutationLoss(result) {
  const crashed = result.rows.reduce((sum, row) => sum + row.crashed + row.hung, 0)
  const lost = result.rows.reduce((sum, row) => sum + row.lostFromScan, 0)
  const controls = result.findings.filter((f) => f.kind === 'control').length
  return `${crashed} parser crashes or hangs, ${lost} files lost from a scan, ${controls} control cards affected`
}

function mutationSection(result) {
  const lines = [
    '## Mutated real cards',
    '',
    `Slices: ${result.slices.join('; ')}.`,
    '',
    'Each mutated card goes through the built parser alone (a worker thread with a 512 MB heap and a watchdog) and then,',
    `${result.count > 250 ? '250' : result.count} at a time, through \`tidings scan --json\` (a 1 GB heap) beside ${result.controls} real control cards that must come out byte for byte as they do alone.`,
    '"Lost from a scan" counts files that got neither a card line nor an error line, including every file of a scan that died.',
    '',
    '| mutation | files | cards | per-file errors (codes) | crashed | hung | over 2 s | slowest | lost from a scan |',
    '|---|---|---|---|---|---|---|---|---|'
  ]
  for (const row of result.rows) {
    const codes = Object.entries(row.codes).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ')
    lines.push(`| ${row.kind} | ${row.files} | ${row.cards} | ${row.errors}${codes ? ` (${codes})` : ''} | ${row.crashed} | ${row.hung} | ${row.slow} | ${Math.round(row.maxMs)} ms | ${row.lostFromScan} |`)
  }
  return [...lines, '']
}

function liveSection(result) {
  const ops = Object.entries(result.counts).map(([op, n]) => `${op} ${n}`).join(', ')
  return [
    '## Live library',
    '',
    `Operations (as applied): ${ops}. The folder started with ${result.baseCards} real cards and synthetic ones; it ended with ${result.finalCards} cards and ${result.marksSet} marked.`,
    'After every burst the page must show exactly the folder: every file\'s card with its latest title, no card of a removed file, no leftover error, the list count, and every read/star mark.',
    '',
    '| check | result |',
    '|---|---|',
    `| bursts checked against the model | ${result.bursts} |`,
    `| time for the page to match after a burst, median / max | ${result.medianConvergeMs} ms / ${result.maxConvergeMs} ms |`,
    `| IndexedDB wiped (browser closed, its IndexedDB folder deleted) after operation | ${result.wipe ? `${result.wipe.atOperation}: ${result.wipe.cards} cards and ${result.wipe.marks} marks expected back, ${result.wipe.problems} differences, in ${result.wipe.ms} ms` : 'not reached'} |`,
    `| bursts that did not match in time | ${result.findings.filter((f) => f.kind === 'converge').length} |`,
    `| mark or unmark clicks that failed | ${result.findings.filter((f) => f.kind !== 'converge').length} |`,
    `| cards lost at the end | ${result.cardsLost} |`,
    `| marks lost at the end | ${result.marksLost} |`,
    `| page errors | ${result.pageErrors.length === 0 ? 'none' : result.pageErrors.join('; ')} |`,
    ''
  ]
}

function killSection(result) {
  const lines = [
    '## SIGKILL during syncs',
    '',
    'Each round: a mark is made with the reading pane and the host gets SIGKILL at once (the mark racing its journal write); the folder is changed (titles rewritten, files deleted, renamed, added); the host is restarted on the same port and the page reloaded; at a random moment (a random time, or when the page has taken a random share of the changes) the host gets SIGKILL again (the kill in the table), and the next round restarts it. A kill that lands after the page caught up does not count as one during a sync, and another round follows (up to twice the rounds asked for).',
    '',
    '| round | kill when | killed after the restart | page differed from the folder before | and at the kill | mark made, then SIGKILL at once |',
    '|---|---|---|---|---|---|'
  ]
  for (const kill of result.killLog) lines.push(`| ${kill.round} | ${kill.trigger} | ${kill.delayMs} ms | ${kill.before} | ${kill.pageBehindAtKill} | ${cell(kill.marked ?? 'none')} |`)
  lines.push('', `After the last restart the page matched \`tidings scan\` of the folder (${result.cards} cards) in ${result.finalMs} ms: ${result.cardsLost} cards and ${result.marksLost} marks lost (${result.marksSet} marks set, checked in IndexedDB and in the journal). Page errors: ${result.pageErrors.length === 0 ? 'none' : result.pageErrors.join('; ')}.`, '')
  return lines
}

function findingsSection(findings) {
  if (findings.length === 0) return ['## Findings', '', 'None.', '']
  const lines = ['## Findings', '', '| phase | stage | kind | problem | reproduction | status |', '|---|---|---|---|---|---|']
  for (const f of findings) {
    const repro = f.index === null || f.index === undefined ? `seed ${f.seed}` : `seed ${f.seed}, mutation ${f.index}: ${f.detail} on \`${f.source}\``
    lines.push(`| ${f.phase} | ${f.stage} | ${f.kind} | ${cell(f.problem)} | ${cell(repro)} | ${f.known ? `known: ${f.known}` : 'new'} |`)
  }
  return [...lines, '']
}

/** The load average (1, 5 and 15 min) when the phase ended: the machine is shared, so times need it beside them. */
const loadOf = (stored, separator = ' · ') => (stored.load ? `${separator}load average at its end ${stored.load}` : '')

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 400)
