#!/usr/bin/env node
// Memory the image service holds for a big folder (not a test; figures for the report):
//   node --expose-gc scripts/measure-image-memory.mjs DIR
// Scans DIR with the built core (out/main/bench.js: npx electron-vite build), then tracks every
// card in the image service (the TypeScript sources, through jiti) with a fetch that fails at once,
// as with no network: every image ends failed. Prints heap in use and peak RSS at each step.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createJiti } from 'jiti'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = process.argv[2]
if (!dir || !globalThis.gc) {
  console.error('usage: node --expose-gc scripts/measure-image-memory.mjs DIR')
  process.exit(2)
}
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`
const inUse = () => {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}
const peakRss = () => process.resourceUsage().maxRSS * 1024
const report = (label, base = 0) => {
  const used = inUse()
  console.log(`${label.padEnd(44)} heap in use ${mb(used)}${base ? ` (+${mb(used - base)})` : ''}, RSS ${mb(process.memoryUsage().rss)}, peak RSS ${mb(peakRss())}`)
  return used
}

const { scanFolder } = await import(pathToFileURL(join(root, 'out/main/bench.js')).href)
const { createImageService } = await createJiti(import.meta.url).import(join(root, 'src/main/core/images/image-service.ts'))
const start = report('start')
let cards = (await scanFolder(dir)).cards
const scanned = report(`scanned ${cards.length} cards`, start)
const cacheDir = await mkdtemp(join(tmpdir(), 'tidings-image-memory-'))
const offline = async () => {
  throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) })
}
const service = createImageService({ cacheDir, srcFor: (hash) => hash, fetch: offline, retry: { baseDelayMs: 1, maxDelayMs: 5 } })
await service.whenIdle()
const started = performance.now()
for (let i = 0; i < cards.length; i += 5_000) service.track(dir, cards.slice(i, i + 5_000), [])
cards = null
await service.whenIdle()
const tracked = report(`tracked, all settled (${((performance.now() - started) / 1000).toFixed(1)} s)`, scanned)
console.log('status', JSON.stringify(service.status()))
console.log(`image service holds ${mb(tracked - start)} with the cards dropped (scan result included until dropped: ${mb(scanned - start)})`)
await service.close()
await rm(cacheDir, { recursive: true, force: true })
