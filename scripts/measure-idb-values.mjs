#!/usr/bin/env node
/* global window, indexedDB -- page functions run in Chromium */
// What a card's detail costs IndexedDB in Chromium by the shape it is stored in (a figure, not a test):
//   node scripts/measure-idb-values.mjs [FOLDER] [--rounds N]
// FOLDER (default ../shared/cards/related-heavy) is read with the build's `tidings scan --json`. Its cards are
// put, 70 to a transaction as the sync's writer does, into a fresh persistent profile's IndexedDB N times
// (default 6) per shape: the card object, its JSON string, that JSON with non-ASCII escaped (a one-byte string),
// its UTF-8 bytes and its JSON deflated (level 1, made
// beforehand in Node, so only the backend's cost shows). For each shape it prints the page's time inside put()
// (the structured clone), the wall time, and the CPU seconds of Chromium's browser process (where the IndexedDB
// backend runs) and renderer; then the page's own cost of making each shape from the objects. Run it under
// `flock /tmp/tidings-measure.lock` and read the load average beside the figures.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { deflateRawSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { CLI } from './serve-child.mjs'
import { cpuByType } from './bench/chromium-cpu.mjs'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string' } } })
const folder = resolve(positionals[0] ?? '../shared/cards/related-heavy')
const rounds = Number(values.rounds ?? 6)
const texts = execFileSync(process.execPath, [CLI, 'scan', folder, '--json'], { maxBuffer: 1 << 30, encoding: 'utf8' })
  .split('\n')
  .filter((line) => line.startsWith('{"type":"card"'))
const deflated = texts.map((text) => deflateRawSync(text, { level: 1 }).toString('base64'))
// JSON with every non-ASCII character escaped: V8 keeps it as a one-byte string, whatever the card holds.
const ascii = texts.map((text) => text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))


const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const profile = mkdtempSync(join(tmpdir(), 'tidings-idb-values-'))
const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.route('http://idb.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>idb</title>' }))
  await page.goto('http://idb.test/')
  await page.evaluate(
    ({ texts, deflated, ascii }) => {
      window.shapes = {
        object: texts.map((text) => JSON.parse(text)),
        string: texts,
        ascii,
        utf8: texts.map((text) => new TextEncoder().encode(text)),
        deflated: deflated.map((text) => Uint8Array.fromBase64(text))
      }
      return new Promise((done) => {
        const request = indexedDB.open('values', 1)
        request.onupgradeneeded = () => Object.keys(window.shapes).forEach((name) => request.result.createObjectStore(name))
        request.onsuccess = () => done((window.db = request.result))
      })
    },
    { texts, deflated, ascii }
  )
  const mb = (bytes) => (bytes.reduce((sum, size) => sum + size, 0) / 1e6).toFixed(1)
  const sizes = (encoding, list) => list.map((text) => Buffer.byteLength(text, encoding))
  console.log(`${texts.length} cards, ${mb(sizes('utf8', texts))} MB of JSON (${mb(sizes('base64', deflated))} MB deflated), ${rounds} rounds a shape`)
  // The page's start-up work settles before the first shape is counted.
  await page.waitForTimeout(1500)
  for (const shape of ['object', 'string', 'ascii', 'utf8', 'deflated']) {
    const before = cpuByType(profile)
    const { putMs, wallMs } = await page.evaluate(
      async ({ shape, rounds }) => {
        const values = window.shapes[shape]
        let putMs = 0
        const startedAt = performance.now()
        for (let round = 0; round < rounds; round++) {
          for (let start = 0; start < values.length; start += 70) {
            const transaction = window.db.transaction(shape, 'readwrite', { durability: 'relaxed' })
            const putAt = performance.now()
            for (let i = start; i < Math.min(start + 70, values.length); i++) transaction.objectStore(shape).put(values[i], `${round}\u0000${i}`)
            putMs += performance.now() - putAt
            await new Promise((done, fail) => Object.assign(transaction, { oncomplete: done, onerror: fail }))
          }
        }
        return { putMs: Math.round(putMs), wallMs: Math.round(performance.now() - startedAt) }
      },
      { shape, rounds }
    )
    // The backend's compaction outlasts the commits.
    await page.waitForTimeout(1500)
    const after = cpuByType(profile)
    const cpu = (type) => ((after[type] ?? 0) - (before[type] ?? 0)).toFixed(1)
    console.log(`${shape}: put() ${putMs} ms, wall ${wallMs} ms; CPU s: browser ${cpu('browser')}, renderer ${cpu('renderer')}; load ${loadavg()}`)
  }
  const making = await page.evaluate(async () => {
    const cards = window.shapes.object
    const time = (make) => {
      const startedAt = performance.now()
      cards.forEach(make)
      return Math.round(performance.now() - startedAt)
    }
    const compressAt = performance.now()
    for (const card of cards) await new Response(new Blob([JSON.stringify(card)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()
    return {
      structuredClone: time((card) => structuredClone(card)),
      stringify: time((card) => JSON.stringify(card)),
      'stringify+ascii': time((card) => JSON.stringify(card).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)),
      'stringify+utf8': time((card) => new TextEncoder().encode(JSON.stringify(card))),
      CompressionStream: Math.round(performance.now() - compressAt)
    }
  })
  console.log(`the page making each shape from the objects, ms for all cards once: ${JSON.stringify(making)}; load ${loadavg()}`)
} finally {
  await context.close()
  rmSync(profile, { recursive: true, force: true })
}
