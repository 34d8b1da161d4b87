// Generated folders kept between bench runs: a 100k real-shaped folder is ~2 GB
// and takes minutes to write, so it is written once into a cache outside the
// repo (~/.cache/tidings-bench, or TIDINGS_BENCH_CACHE) and reused. The folder's
// name holds the generator's own hash, so changing the generator makes a new one.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { writeCardFolder } from './generate-cards.mjs'

export const DEFAULT_CACHE = process.env.TIDINGS_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tidings-bench')

const generatorHash = createHash('sha256')
  .update(readFileSync(join(import.meta.dirname, 'generate-cards.mjs')))
  .update(readFileSync(join(import.meta.dirname, 'card-vocabulary.mjs')))
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
