// The core-level rows for one generated folder: the reading limit (`cat`), the
// CLI's `tidings scan --json`, the built core's cold scan, the naive gray-matter loop, warm re-open, the live
// folder (fresh sync, watcher, rewrites) and its peak RSS.
import { basename, join } from 'node:path'
import { percentile, runNodeJson, timeShell } from './measure.mjs'

const CHILD = join(import.meta.dirname, 'core-child.mjs')
const median = (values) => percentile(values, 50)

/**
 * Times the folder `dir`. Each round runs `cat`, `tidings scan --json`, the core cold scan, the naive loop
 * and a warm re-open back to back; ratios are taken within a round (neighbours in
 * time share the machine's load) and the median round is reported.
 */
export async function measureCore(dir, { rounds, rewrites, log, work, collect = true }) {
  const catCommand = `find '${dir}' -name '*.md' -print0 | xargs -0 cat > /dev/null`
  await timeShell(catCommand) // warm the page cache: every row reads from memory
  // In the run's own folder: the card folder may be the shared cache.
  const manifestFile = join(work, `${basename(dir)}.manifest.json`)
  const cat = []
  const clis = []
  const scans = []
  const naive = []
  const reopens = []
  for (let round = 1; round <= rounds; round++) {
    cat.push(await timeShell(catCommand))
    clis.push(await runNodeJson(CHILD, ['cli', dir]))
    scans.push(await runNodeJson(CHILD, ['scan', dir, manifestFile]))
    naive.push(await runNodeJson(CHILD, ['naive', dir]))
    reopens.push(await runNodeJson(CHILD, ['reopen', dir, manifestFile]))
    const [c, t, s, n, r] = [cat.at(-1), clis.at(-1), scans.at(-1), naive.at(-1), reopens.at(-1)]
    log(
      `  round ${round}: cat ${ms(c.ms)} (cpu ${ms(c.cpuMs)}), tidings scan --json ${ms(t.ms)} (cpu ${ms(t.cpuMs)}, peak RSS ${Math.round(t.peakRssMb)} MB), ` +
        `core cold scan ${ms(s.ms)} (cpu ${ms(s.cpuMs)}), naive loop ${ms(n.ms)} (cpu ${ms(n.cpuMs)}), warm re-open ${ms(r.ms)}`
    )
  }
  const collected = collect ? await runNodeJson(CHILD, ['collect', dir]) : { ms: NaN, cpuMs: NaN, peakRssMb: NaN }
  if (collect) log(`  whole-result scan (scanFolder): ${ms(collected.ms)} (cpu ${ms(collected.cpuMs)}), peak RSS ${Math.round(collected.peakRssMb)} MB`)
  const live = await runNodeJson(CHILD, ['live', dir, String(rewrites)])
  log(`  live folder: fresh sync ${ms(live.syncMs)}, re-open ${ms(live.reopenMs)}, rewrites ${live.rewrites.map(ms).join(', ')}`)

  const byRound = (f) => median(cat.map((_, i) => f(i)))
  return {
    catMs: median(cat.map((c) => c.ms)),
    catCpuMs: median(cat.map((c) => c.cpuMs)),
    cliMs: median(clis.map((t) => t.ms)),
    cliCpuMs: median(clis.map((t) => t.cpuMs)),
    cliToCat: byRound((i) => clis[i].ms / cat[i].ms),
    cliToNaive: byRound((i) => clis[i].ms / naive[i].ms),
    cliPeakRssMb: Math.max(...clis.map((t) => t.peakRssMb)),
    scanMs: median(scans.map((s) => s.ms)),
    scanCpuMs: median(scans.map((s) => s.cpuMs)),
    scanToCat: byRound((i) => scans[i].ms / cat[i].ms),
    scanToNaive: byRound((i) => scans[i].ms / naive[i].ms),
    scanCards: scans[0].stories,
    relatedItems: scans[0].relatedItems,
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
