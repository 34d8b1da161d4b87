// How long the offline image cache takes to fill, and how it copes at library scale.
//
//   node scripts/bench-image-cache.mjs [--cards 1000] [--latency MS] [--hosts 8] [--cli]
//
// 1. Caches the images of N synthetic cards (scripts/bench/generate-cards.mjs, shaped like
//    the real folders) from a local server. Each original host maps to one of --hosts ports,
//    so the per-host limit applies as it would online; --latency delays every response.
// 2. Loads an index of 300k URLs, and tracks 100k cards (about 300k image URLs) with the
//    network stubbed out, to time start-up and track() at library scale.
// With --cli it also times `tidings cache FOLDER` (needs a build: npx electron-vite build).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createJiti } from 'jiti'
import { createRandom, generateCard } from './bench/generate-cards.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const jiti = createJiti(import.meta.url)
const { createImageService, imageUrlsOfCard } = await jiti.import(join(root, 'src/main/core/images/image-service.ts'))
const { ImageIndex } = await jiti.import(join(root, 'src/main/core/images/image-index.ts'))
const { pngOfSize } = await jiti.import(join(root, 'src/main/core/images/testing/fixtures.ts'))
const { scanFolder } = await jiti.import(join(root, 'src/main/core/scan/scan.ts'))

const { values: args } = parseArgs({
  options: {
    cards: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '0' },
    hosts: { type: 'string', default: '8' },
    cli: { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false }
  }
})
const cardCount = Number(args.cards)
const latencyMs = Number(args.latency)
const hostCount = Number(args.hosts)

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const hashNumber = (text) => createHash('sha1').update(text).digest().readUInt32BE(0)

// ---- a local "internet": one handler on several ports --------------------------------------

// Logos are 50x50 (a couple of KB); story images 30-150 KB, like the real ones.
const bodies = new Map()
function bodyFor(path) {
  let body = bodies.get(path)
  if (!body) {
    const size = path.includes('50x50') ? 2_000 : 30_000 + (hashNumber(path) % 120_000)
    bodies.set(path, (body = pngOfSize(size)))
  }
  return body
}

const servers = []
const ports = []
for (let i = 0; i < hostCount; i++) {
  const server = createServer((req, res) => {
    const send = () => {
      const body = bodyFor(req.url ?? '/')
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length })
      res.end(body)
    }
    if (latencyMs > 0) setTimeout(send, latencyMs)
    else send()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  ports.push(server.address().port)
}
const localUrl = (url) => url.replace(/^https?:\/\/([^/"]+)/, (_, host) => `http://127.0.0.1:${ports[hashNumber(host) % hostCount]}/${host}`)

// ---- 1. N cards' images -----------------------------------------------------------------

const work = await mkdtemp(join(tmpdir(), 'tidings-bench-images-'))
try {
  const folder = join(work, 'cards')
  const random = createRandom(7)
  for (let i = 0; i < cardCount; i++) {
    const card = generateCard(random, i)
    const text = card.text.replace(/(url: ")([^"]+)(")/g, (_, open, url, close) => open + localUrl(url) + close)
    await mkdir(join(folder, dirname(card.path)), { recursive: true })
    await writeFile(join(folder, card.path), text)
  }
  const scan = await scanFolder(folder, { workers: 0 })
  const urls = new Set(scan.cards.flatMap((card) => Object.values(imageUrlsOfCard(card)).flat()))

  const cacheDir = join(work, 'cache')
  const service = createImageService({ cacheDir, srcFor: (hash) => hash, allowPrivateImages: true })
  await service.whenIdle()
  const started = performance.now()
  service.track(folder, scan.cards, [])
  await service.whenIdle()
  const elapsed = performance.now() - started
  const status = service.status()
  let bytes = 0
  for (const url of urls) bytes += service.inspect(url)?.size ?? 0
  await service.close()
  console.log(`Caching the images of ${scan.cards.length} cards (${urls.size} distinct URLs, ${mb(bytes)}) from ${hostCount} local hosts, ${latencyMs} ms latency:`)
  console.log(`  ${seconds(elapsed)}: ${status.cached} cached, ${status.failed} failed, ${status.pending} pending (${Math.round(status.cached / (elapsed / 1000))} images/s, ${mb(bytes / (elapsed / 1000))}/s)`)

  const restarted = performance.now()
  const again = createImageService({ cacheDir, srcFor: (hash) => hash, allowPrivateImages: true })
  again.track(folder, scan.cards, [])
  await again.whenIdle()
  console.log(`  the same folder again, all cached: ${seconds(performance.now() - restarted)} (start-up, index load and track)`)
  await again.close()

  if (args.cli) {
    const cliStarted = performance.now()
    // Not spawnSync: this process is the image server and must keep answering.
    const result = await promisify(execFile)(process.execPath, [join(root, 'bin/tidings.js'), 'cache', folder, '--cache-dir', join(work, 'cli-cache'), '--json', '--allow-private-images'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1))
    console.log(`  tidings cache (a fresh process, scan included): ${seconds(performance.now() - cliStarted)}: ${summary.cached} cached, ${summary.failed} failed`)
  }

  // ---- 2. library scale -----------------------------------------------------------------
  if (!args['skip-scale']) {
    const bigDir = join(work, 'big-index')
    await mkdir(bigDir, { recursive: true })
    const lines = []
    for (let i = 0; i < 300_000; i++) {
      const url = `https://cdn${i % 500}.example.com/wp-content/uploads/2023/0${1 + (i % 9)}/some-story-image-${i}-1200x630.jpg?resize=620%2C497&ssl=1`
      lines.push(JSON.stringify({ h: createHash('sha256').update(url).digest('hex'), u: url, s: 'c', m: 'image/jpeg', z: 80_000, t: 1_700_000_000_000 + i }))
    }
    await writeFile(join(bigDir, 'index.jsonl'), lines.join('\n') + '\n')
    const loadStarted = performance.now()
    const index = await ImageIndex.load(bigDir)
    console.log(`Index of ${index.size} URLs (${mb(lines.join('\n').length)} on disk) loads in ${seconds(performance.now() - loadStarted)}`)
    await index.close()

    const neverAnswers = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason ?? new Error('aborted'))))
    const trackDir = join(work, 'track')
    const tracker = createImageService({ cacheDir: trackDir, srcFor: (hash) => hash, fetch: neverAnswers })
    await tracker.whenIdle()
    const cards = []
    const many = createRandom(11)
    for (let i = 0; i < 100_000; i++) {
      const images = [{ url: `https://img${i % 300}.example.com/story/${i}.jpg`, width: 1200, height: 630 }]
      const related = Array.from({ length: i % 25 === 0 ? 10 : 0 }, (_, r) => ({ images: [{ url: `https://rel${r}.example.com/${i}/${r}.jpg`, width: 1, height: 1 }], provider: { name: 'x', domain: 'x', logo: { url: `https://logos.example.com/${many.int(0, 2000)}-50x50.jpg`, width: 50, height: 50 } } }))
      cards.push({ id: `card-${i}`, publishedAtMs: i, images, provider: { name: 'p', domain: 'p', logo: { url: `https://logos.example.com/${i % 2000}-50x50.jpg`, width: 50, height: 50 } }, related })
    }
    // track() works in slices between turns of the event loop; restoreFolder on the same folder waits for it.
    const blocks = monitorEventLoopDelay({ resolution: 10 })
    blocks.enable()
    const trackStarted = performance.now()
    tracker.track('/big', cards, [])
    await tracker.restoreFolder('/big')
    const trackMs = performance.now() - trackStarted
    const total = tracker.status().total
    console.log(`track() of ${cards.length} cards naming ${total} distinct images: ${seconds(trackMs)}, the process blocked ${seconds(blocks.max / 1e6)} at most (first time: every URL is hashed and indexed)`)
    const retrackStarted = performance.now()
    tracker.track('/big', cards, [])
    await tracker.restoreFolder('/big')
    console.log(`track() of the same cards again: ${seconds(performance.now() - retrackStarted)}`)
    const closeStarted = performance.now()
    await tracker.close()
    console.log(`close() with ${total} pending URLs and the folder's cards to write: ${seconds(performance.now() - closeStarted)}`)
    const reopenStarted = performance.now()
    const reopened = createImageService({ cacheDir: trackDir, srcFor: (hash) => hash, fetch: neverAnswers })
    await reopened.resolve([], 'background')
    console.log(`start-up with that index: ${seconds(performance.now() - reopenStarted)}`)
    blocks.reset()
    const restoreStarted = performance.now()
    await reopened.restoreFolder('/big')
    console.log(`restoreFolder() of the saved ${cards.length} cards (a restart with no batch): ${seconds(performance.now() - restoreStarted)}, ${reopened.status().total} images tracked, the process blocked ${seconds(blocks.max / 1e6)} at most`)
    blocks.disable()
    await reopened.close()
  }
} finally {
  for (const server of servers) server.close()
  await rm(work, { recursive: true, force: true })
}
