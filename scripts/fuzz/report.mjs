// The fuzz run's tables: printed after every run, written to RELIABILITY.md after a full one.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './corpus.mjs'

/** Prints every finding and the totals; returns true when something new (not a known open defect) was found. */
export function printSummary(results, log) {
  const findings = allFindings(results)
  for (const f of findings) log(`  ${f.known ? `KNOWN (${f.known})` : 'NEW'} [${f.phase}/${f.stage}] ${f.kind}: ${f.problem}${f.detail ? ` -- ${f.detail}` : ''}${f.source ? ` -- source ${f.source}` : ''}`)
  const fresh = findings.filter((f) => !f.known)
  log(`fuzz seed ${results.seed}: ${findings.length} findings (${fresh.length} new, ${findings.length - fresh.length} known) in ${results.seconds} s`)
  return fresh.length > 0
}

export function allFindings(results) {
  return ['mutate', 'live', 'kill'].flatMap((phase) => (results[phase]?.findings ?? []).map((f) => ({ phase, ...f })))
}

export function writeReliability(results) {
  writeFileSync(join(REPO_ROOT, 'RELIABILITY.md'), JSON.stringify(results, null, 2))
}
