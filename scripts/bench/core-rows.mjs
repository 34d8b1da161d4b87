// The core-level rows for one generated folder: the reading limit (`cat`), the
// built core's cold scan, the naive gray-matter loop, warm re-open, the live
// folder (fresh sync, watcher, rewrites) and its peak RSS.
import { join } from 'node:path'
import { best, percentile, runNodeJson, timeShell } from './measure.mjs'

const CHILD = join(import.meta.dirname, 'core-child.mjs')

/**
 * Times the folder `dir`. Cold scan, cat and the naive loop run interleaved
 * `rounds` times and the best of each is kept: on a shared machine the best run
 * is the steadiest estimate, and interleaving spreads any noise evenly.
 */
export async function measureCore(dir, { rounds, rewrites, log }) {
  const catCommand = `find '${dir}' -name '*.md' -print0 | xargs -0 cat > /dev/null`
  await timeShell(catCommand) // warm the page cache: every row reads from memory
  const cat = []
  const scans = []
  const naive = []
  for (let round = 1; round <= rounds; round++) {
    cat.push(await timeShell(catCommand))
    scans.push(await runNodeJson(CHILD, ['scan', dir]))
    naive.push(await runNodeJson(CHILD, ['naive', dir]))
    const [c, s, n] = [cat.at(-1), scans.at(-1), naive.at(-1)]
    log(`  round ${round}: cat ${ms(c.ms)} (cpu ${ms(c.cpuMs)}), cold scan ${ms(s.ms)} (cpu ${ms(s.cpuMs)}), naive loop ${ms(n.ms)} (cpu ${ms(n.cpuMs)})`)
  }
  const reopen = await runNodeJson(CHILD, ['reopen', dir, String(Math.max(2, rounds))])
  log(`  warm re-open (scan with manifest): ${reopen.runs.map(ms).join(', ')}`)
  const live = await runNodeJson(CHILD, ['live', dir, String(rewrites)])
  log(`  live folder: fresh sync ${ms(live.syncMs)}, re-open ${ms(live.reopenMs)}, rewrites ${live.rewrites.map(ms).join(', ')}`)

  const scan = scans.reduce((a, b) => (b.ms < a.ms ? b : a))
  return {
    catMs: best(cat.map((c) => c.ms)),
    catCpuMs: best(cat.map((c) => c.cpuMs)),
    scanMs: scan.ms,
    scanCpuMs: best(scans.map((s) => s.cpuMs)),
    naiveCpuMs: best(naive.map((n) => n.cpuMs)),
    scanCards: scan.cards,
    scanFiles: scan.files,
    scanErrors: scan.errors,
    scanPeakRssMb: Math.max(...scans.map((s) => s.peakRssMb)),
    naiveMs: best(naive.map((n) => n.ms)),
    naivePeakRssMb: Math.max(...naive.map((n) => n.peakRssMb)),
    reopenMs: best(reopen.runs),
    liveSyncMs: live.syncMs,
    liveReopenMs: live.reopenMs,
    liveBatches: live.batches,
    rewriteToEvent: { p50: percentile(live.rewrites, 50), p95: percentile(live.rewrites, 95), missed: live.rewrites.filter((v) => !Number.isFinite(v)).length },
    livePeakRssMb: live.peakRssMb
  }
}

export const ms = (value) => (!Number.isFinite(value) ? 'n/a' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`)
