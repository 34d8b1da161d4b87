#!/usr/bin/env node
// The host's memory during a full sync to the page, without a browser's CPU cost (a figure, not a test):
//   node scripts/measure-serve-sync.mjs FOLDER [--slow MB_PER_S] [--cli PATH] [--stop-after-cards N]
// Starts `tidings serve FOLDER` (the built CLI, out/main/cli.js unless --cli), then does what the page does
// on a fresh profile: opens the event stream (GET /api/events), calls syncFolder with an empty manifest, and
// reads every event. --slow R takes batches in at R MB/s (pausing the stream after each), as a page storing slowly would,
// so the host's backpressure is what bounds its memory. The host's RSS is sampled from /proc every 50 ms;
// its VmHWM is the peak. Prints one JSON line: peak RSS, the host's CPU seconds, time to the last batch, batches, cards, bytes.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuSecondsOf } from './bench/chromium-cpu.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { slow: { type: 'string', default: '0' }, cli: { type: 'string' }, 'stop-after-cards': { type: 'string' } }
})
if (positionals.length !== 1) {
  process.stderr.write('usage: node scripts/measure-serve-sync.mjs FOLDER [--slow MB_PER_S] [--cli PATH] [--stop-after-cards N]\n')
  process.exit(2)
}
const folder = positionals[0]
const slowMbPerS = Number(values.slow)
const stopAfterCards = values['stop-after-cards'] === undefined ? Infinity : Number(values['stop-after-cards'])
const cli = values.cli ?? join(root, 'out', 'main', 'cli.js')
const mb = (kb) => Math.round(kb / 1024)

const dataDir = mkdtempSync(join(tmpdir(), 'tidings-serve-sync-'))
// TIDINGS_SERVE_NODE_FLAGS as serve-child.mjs takes them (say `--cpu-prof --cpu-prof-dir=/tmp/p`, which NODE_OPTIONS refuses).
const nodeFlags = (process.env.TIDINGS_SERVE_NODE_FLAGS ?? '').split(' ').filter(Boolean)
const host = spawn(process.execPath, [...nodeFlags, cli, 'serve', folder, '--port', '0', '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
const statusKb = (field) => {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${host.pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

const url = await new Promise((resolve, reject) => {
  let out = ''
  host.stdout.on('data', (data) => {
    out += data
    const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)
    if (found) resolve(new URL(found[1]))
  })
  host.on('exit', (code) => reject(new Error(`tidings serve exited (code ${code}) before printing its URL`)))
})
const token = url.searchParams.get('token')
const base = { host: '127.0.0.1', port: Number(url.port) }
const startRss = statusKb('VmRSS')

let sampledPeakKb = 0
const sampler = setInterval(() => (sampledPeakKb = Math.max(sampledPeakKb, statusKb('VmRSS'))), 50)

const stats = { batches: 0, cards: 0, files: 0, errors: 0, eventBytes: 0, largestEventBytes: 0, lastBatchMs: 0, firstBatchMs: 0 }
const ids = new Set()
const seqs = []
let started = 0
let stopped = false
let finishStream

// The event stream, read as EventSource does: frames end with a blank line; `data:` lines carry the event.
const streamClosed = new Promise((resolve) => (finishStream = resolve))
const events = await new Promise((resolve, reject) => {
  const req = request({ ...base, path: `/api/events?token=${encodeURIComponent(token)}`, headers: { Accept: 'text/event-stream' } }, resolve)
  req.on('error', reject)
  req.end()
})
events.setEncoding('utf8')
let pending = ''
let searchFrom = 0
events.on('data', (text) => {
  // A frame of several MB comes in many pieces: look for its end only in what is new.
  searchFrom = Math.max(0, pending.length - 1)
  pending += text
  let end
  while ((end = pending.indexOf('\n\n', searchFrom)) !== -1) {
    const frame = pending.slice(0, end)
    pending = pending.slice(end + 2)
    searchFrom = 0
    const data = frame.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n')
    if (data === '') continue
    const event = JSON.parse(data)
    if (event.type !== 'batch') continue
    const batch = event.batch
    stats.batches++
    stats.eventBytes += Buffer.byteLength(data)
    stats.largestEventBytes = Math.max(stats.largestEventBytes, Buffer.byteLength(data))
    stats.files += batch.files.length
    stats.errors += batch.errors.length
    for (const card of batch.upsert) ids.add(card.id)
    stats.cards += batch.upsert.length
    seqs.push(batch.seq)
    stats.lastBatchMs = performance.now() - started
    if (stats.batches === 1) stats.firstBatchMs = stats.lastBatchMs
    if (stats.cards >= stopAfterCards && !stopped) {
      stopped = true
      finishStream()
    }
    if (slowMbPerS > 0) {
      events.pause()
      setTimeout(() => events.resume(), (Buffer.byteLength(data) / 1048576 / slowMbPerS) * 1000)
    }
  }
})
events.on('end', () => finishStream())

function call(name, arg) {
  const body = JSON.stringify({ arg })
  return new Promise((resolve, reject) => {
    const req = request({ ...base, method: 'POST', path: `/api/call/${name}`, headers: { 'Content-Type': 'application/json', 'X-Tidings-Token': token } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => {
        const reply = JSON.parse(text)
        if (reply.ok) resolve(reply.result)
        else reject(new Error(`${name}: ${reply.error}`))
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const info = await call('getAppInfo', null)
const opened = await call('openFolder', { folder: info.initialFolder ?? folder })
started = performance.now()
const syncing = call('syncFolder', { folder: opened.folder, manifest: [] })
const sync = await Promise.race([syncing, streamClosed.then(() => null)])
// The sync call returns once the last batch is written; the events still in the pipe are read to the end.
if (sync !== null && !stopped) {
  for (let seen = -1; seen !== stats.batches; ) {
    seen = stats.batches
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}
clearInterval(sampler)
const peakKb = statusKb('VmHWM')
// The host's CPU (user + system, all its threads) over the whole run: what it takes from the page on a 2-core machine.
const hostCpuS = cpuSecondsOf(host.pid)
host.kill('SIGTERM')
await new Promise((resolve) => host.once('exit', resolve))
rmSync(dataDir, { recursive: true, force: true })
const gapless = seqs.every((seq, i) => i === 0 || seq > seqs[i - 1])
process.stdout.write(
  `${JSON.stringify({
    folder,
    slowMbPerS,
    peakRssMb: mb(Math.max(peakKb, sampledPeakKb)),
    rssAtStartMb: mb(startRss),
    hostCpuS,
    firstBatchS: Math.round(stats.firstBatchMs) / 1000,
    lastBatchS: Math.round(stats.lastBatchMs) / 1000,
    syncCards: sync?.cards ?? null,
    distinctCardsReceived: ids.size,
    ...stats,
    eventMb: Math.round(stats.eventBytes / 1048576),
    largestEventKb: Math.round(stats.largestEventBytes / 1024),
    seqIncreasing: gapless
  })}\n`
)
