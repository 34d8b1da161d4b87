#!/usr/bin/env node
/* global EventSource -- page functions run in Chromium */
// What receiving a sync's batch frames costs Chromium, by how the page reads the stream (a figure, not a test):
//   node scripts/measure-event-stream.mjs [FOLDER] [--repeat N]
// FOLDER (default ../shared/cards/related-heavy) is read with the build's `tidings scan --json`; its cards go out
// N times (default 4) as server-sent-event frames of 40 cards (~1 MB, as the host's batches), once to an
// EventSource and once to a fetch() read through a TextDecoderStream and split on blank lines, each frame's data
// parsed as JSON either way. It prints the wall time and the CPU seconds of Chromium's browser process and
// renderer for each reader, twice. Run it under `flock /tmp/tidings-measure.lock`; the load average is printed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from '@playwright/test'
import { CLI } from './serve-child.mjs'
import { cpuByType } from './bench/chromium-cpu.mjs'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { repeat: { type: 'string' } } })
const folder = resolve(positionals[0] ?? '../shared/cards/related-heavy')
const cards = execFileSync(process.execPath, [CLI, 'scan', folder, '--json'], { maxBuffer: 1 << 30, encoding: 'utf8' })
  .split('\n')
  .filter((line) => line.startsWith('{"type":"card"'))
const frames = []
for (let round = 0; round < Number(values.repeat ?? 4); round++) {
  for (let start = 0; start < cards.length; start += 40) frames.push(`data: {"type":"batch","batch":{"upsert":[${cards.slice(start, start + 40).join(',')}]}}\n\n`)
}
const bytes = frames.reduce((sum, frame) => sum + Buffer.byteLength(frame), 0)

const server = createServer((request, response) => {
  if (request.url === '/') return response.end('<!doctype html><title>events</title>')
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' })
  let next = 0
  const send = () => {
    while (next < frames.length) if (!response.write(frames[next++])) return void response.once('drain', send)
    response.end('data: {"type":"end"}\n\n')
  }
  send()
}).listen(0, '127.0.0.1')
await new Promise((ready) => server.once('listening', ready))


const profile = mkdtempSync(join(tmpdir(), 'tidings-event-stream-'))
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`http://127.0.0.1:${server.address().port}/`)
  console.log(`${frames.length} frames, ${(bytes / 1e6).toFixed(1)} MB`)
  for (const reader of ['EventSource', 'fetch', 'EventSource', 'fetch']) {
    const before = cpuByType(profile)
    const { ms, received } = await page.evaluate(async (reader) => {
      const startedAt = performance.now()
      let received = 0
      await new Promise((done) => {
        const onData = (data) => {
          const event = JSON.parse(data)
          if (event.type === 'end') return done()
          received += event.batch.upsert.length
        }
        if (reader === 'EventSource') {
          const source = new EventSource('/events')
          source.onmessage = (message) => {
            if (message.data === '{"type":"end"}') source.close()
            onData(message.data)
          }
          return
        }
        void fetch('/events').then(async (response) => {
          const stream = response.body.pipeThrough(new TextDecoderStream()).getReader()
          let buffered = ''
          for (;;) {
            const { value, done: ended } = await stream.read()
            if (ended) return
            buffered += value
            for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
              onData(buffered.slice(buffered.indexOf('data: ') + 6, end))
              buffered = buffered.slice(end + 2)
            }
          }
        })
      })
      return { ms: Math.round(performance.now() - startedAt), received }
    }, reader)
    const after = cpuByType(profile)
    const cpu = (type) => ((after[type] ?? 0) - (before[type] ?? 0)).toFixed(1)
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
    console.log(`${reader}: ${received} cards in ${ms} ms; CPU s: browser ${cpu('browser')}, renderer ${cpu('renderer')}, network ${cpu('utility')}; load ${load}`)
  }
} finally {
  await context.close()
  server.close()
  rmSync(profile, { recursive: true, force: true })
}
