// Generated folders kept between bench runs: a 100k real-shaped folder is ~2 GB
// and takes minutes to write, so it is written once into a cache outside the
// repo (~/.cache/tidings-bench, or TIDINGS_BENCH_CACHE) and reused. The folder's
// name holds the generator's own hash, so changing the generator makes a new one.
// writeCardFolder writes one without the cache.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateCards } from './generate-cards.mjs'

export const DEFAULT_CACHE = process.env.TIDINGS_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tidings-bench')

const generatorHash = createHash('sha256')
  .update(readFileSync(join(import.meta.dirname, 'generate-cards.mjs')))
  .update(readFileSync(join(import.meta.dirname, 'card-vocabulary.mjs')))
  .update(readFileSync(join(import.meta.dirname, '..', '..', 'src', 'shared', 'testing', 'random.mjs')))
  .digest('hex')
  .slice(0, 10)

/**
 * The folder of `count` cards of `shape` for `seed` under `cacheDir`, written
 * now unless a complete copy is there. A marker beside the folder says it is
 * complete, so a run killed while writing is never taken for a good folder.
 * Returns { dir, files, bytes, reused, ms }.
 */
export async function cachedCardFolder(cacheDir, { count, seed, shape }) {
  const dir = join(cacheDir, `${shape}-${count}-seed${seed}-${generatorHash}`)
  const marker = `${dir}.complete.json`
  if (existsSync(marker) && existsSync(dir)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')), reused: true, ms: 0 }
  rmSync(marker, { force: true })
  rmSync(dir, { recursive: true, force: true })
  const started = performance.now()
  const { files, bytes } = await writeCardFolder(dir, { count, seed, shape })
  writeFileSync(marker, JSON.stringify({ files, bytes }))
  return { dir, files, bytes, reused: false, ms: performance.now() - started }
}

/** Writes a folder of `count` cards under `dir` (created). Returns the file count and bytes. */
export async function writeCardFolder(dir, { count, seed = 1, shape = 'light', concurrency = 64 }) {
  const made = new Set()
  let files = 0
  let bytes = 0
  let pending = []
  for (const card of generateCards({ count, seed, shape })) {
    const folder = card.path.slice(0, card.path.indexOf('/'))
    if (!made.has(folder)) {
      await mkdir(join(dir, folder), { recursive: true })
      made.add(folder)
    }
    files++
    bytes += Buffer.byteLength(card.text)
    pending.push(writeFile(join(dir, card.path), card.text))
    if (pending.length >= concurrency) {
      await Promise.all(pending)
      pending = []
    }
  }
  await Promise.all(pending)
  return { files, bytes }
}

/** The card files under `root` (hidden entries skipped), as sorted paths relative to it. */
export function listCards(root, prefix = '') {
  const out = []
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...listCards(root, rel))
    else if (entry.name.endsWith('.md')) out.push(rel)
  }
  return out.sort()
}
