// The core-level rows for one generated folder: the reading limit (`cat`), the
// built core's cold scan, the naive gray-matter loop, warm re-open, the live
// folder (fresh sync, watcher, rewrites) and its peak RSS.
import { join } from 'node:path'
import { percentile, runNodeJson, timeShell } from './measure.mjs'

const CHILD = join(import.meta.dirname, 'core-child.mjs')
const median = (values) => percentile(values, 50)

/**
 * Times the folder `dir`. Each round runs `cat`, the cold scan, the naive loop
 * and a warm re-open back to back; ratios are taken within a round (neighbours in
 * time share the machine's load) and the median round is reported.
 */
export async function measureCore(dir, { rounds, rewrites, log }) {
  const catCommand = `find '${dir}' -name '*.md' -print0 | xargs -0 cat > /dev/null`
  await timeShell(catCommand) // warm the page cache: every row reads from memory
  const manifestFile = `${dir}.manifest.json`
  const cat = []
  const scans = []
  const naive = []
  const reopens = []
  for (let round = 1; round <= rounds; round++) {
    cat.push(await timeShell(catCommand))
    scans.push(await runNodeJson(CHILD, ['scan', dir, manifestFile]))
    naive.push(await runNodeJson(CHILD, ['naive', dir]))
    reopens.push(await runNodeJson(CHILD, ['reopen', dir, manifestFile]))
    const [c, s, n, r] = [cat.at(-1), scans.at(-1), naive.at(-1), reopens.at(-1)]
    log(`  round ${round}: cat ${ms(c.ms)} (cpu ${ms(c.cpuMs)}), cold scan ${ms(s.ms)} (cpu ${ms(s.cpuMs)}), naive loop ${ms(n.ms)} (cpu ${ms(n.cpuMs)}), warm re-open ${ms(r.ms)}`)
  }
  const collected = await runNodeJson(CHILD, ['collect', dir])
  log(`  whole-result scan (scanFolder): ${ms(collected.ms)} (cpu ${ms(collected.cpuMs)}), peak RSS ${Math.round(collected.peakRssMb)} MB`)
  const live = await runNodeJson(CHILD, ['live', dir, String(rewrites)])
  log(`  live folder: fresh sync ${ms(live.syncMs)}, re-open ${ms(live.reopenMs)}, rewrites ${live.rewrites.map(ms).join(', ')}`)

  const byRound = (f) => median(cat.map((_, i) => f(i)))
  return {
    catMs: median(cat.map((c) => c.ms)),
    catCpuMs: median(cat.map((c) => c.cpuMs)),
    scanMs: median(scans.map((s) => s.ms)),
    scanCpuMs: median(scans.map((s) => s.cpuMs)),
    scanToCat: byRound((i) => scans[i].ms / cat[i].ms),
    scanToNaive: byRound((i) => scans[i].ms / naive[i].ms),
    scanCards: scans[0].stories,
    scanFiles: scans[0].files,
    scanErrors: scans[0].errors,
    scanPeakRssMb: Math.max(...scans.map((s) => s.peakRssMb)),
    collectMs: collected.ms,
    collectPeakRssMb: collected.peakRssMb,
    naiveMs: median(naive.map((n) => n.ms)),
    naiveCpuMs: median(naive.map((n) => n.cpuMs)),
    naivePeakRssMb: Math.max(...naive.map((n) => n.peakRssMb)),
    reopenMs: median(reopens.map((r) => r.ms)),
    reopenToCat: byRound((i) => reopens[i].ms / cat[i].ms),
    liveSyncMs: live.syncMs,
    liveReopenMs: live.reopenMs,
    liveBatches: live.batches,
    rewriteToEvent: { p50: percentile(live.rewrites, 50), p95: percentile(live.rewrites, 95), missed: live.rewrites.filter((v) => !Number.isFinite(v)).length },
    livePeakRssMb: live.peakRssMb
  }
}

export const ms = (value) => (!Number.isFinite(value) ? 'n/a' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`)
