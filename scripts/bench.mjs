#!/usr/bin/env node
// `npm run bench`: deterministic folders of 10k and 100k cards shaped like real
// folders (FORMAT.md: long related lists), generated once into a cache outside
// the repo (scripts/bench/card-cache.mjs); times the built core, the CLI and the
// browser host on them, prints a table and writes it to BENCHMARKS.md.
// `--light` adds columns for the light corpus (few related lists) of the same
// sizes. `--smoke` runs the whole harness on 1k cards in a scratch folder (for
// `npm test`: it proves the bench still runs; it asserts no target and leaves
// BENCHMARKS.md alone).
//
// On a busy machine the sizes can run as separate invocations, each with
// `--save FILE` (its measurements as JSON), then `--report FILE,FILE` writes
// one table from them. `--no-collect` skips the whole-result scan (scanFolder), `--no-core` every core row,
// `--no-stories` the story rows (bench/story-rows.mjs).
//
//   node scripts/bench.mjs [--smoke] [--sizes 10000,100000] [--light] [--cache DIR] [--no-browser] [--no-core] [--no-stories] [--no-collect] [--no-write] [--rounds N] [--save FILE]
//   node scripts/bench.mjs --report FILE[,FILE...] [--no-write]
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { cachedCardFolder, DEFAULT_CACHE, writeCardFolder } from './bench/card-cache.mjs'
import { staleReason } from './ensure-build.mjs'
import { measureCore, ms } from './bench/core-rows.mjs'
import { loadAverage, machine } from './bench/measure.mjs'
import { buildRows, renderRunFacts, renderTable, writeBenchmarks } from './bench/report.mjs'
import { measureStories } from './bench/story-rows.mjs'

const ROOT = resolve(import.meta.dirname, '..')
// Each run works in its own folder, so two runs (a smoke in `npm test` beside a
// full bench) never rewrite each other's cards; it is removed at the end.
const WORK = join(ROOT, '.bench', `run-${process.pid}`)
const SEED = 1

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    rounds: { type: 'string' },
    light: { type: 'boolean', default: false },
    cache: { type: 'string' },
    'no-collect': { type: 'boolean', default: false },
    'no-core': { type: 'boolean', default: false },
    'no-stories': { type: 'boolean', default: false },
    save: { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})
if (args.help) {
  process.stdout.write(
    'Usage: node scripts/bench.mjs [--smoke] [--sizes 10000,100000] [--light] [--cache DIR] [--no-browser] [--no-core] [--no-stories] [--no-collect] [--no-write] [--rounds N] [--save FILE]\n' +
      '       node scripts/bench.mjs --report FILE[,FILE...] [--no-write]\n'
  )
  process.exit(0)
}

const sizes = args.sizes ? args.sizes.split(',').map(Number) : args.smoke ? [1000] : [10_000, 100_000]
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes must list card counts, got "${args.sizes}"`)
const log = (line) => process.stdout.write(`${line}\n`)

function ensureBuild() {
  const needed = ['out/main/bench.js', 'out/main/cli.js', 'out/main/scan-worker.js', 'out/renderer/index.html']
  // A stale build would time old code.
  const why = needed.find((file) => !existsSync(join(ROOT, file))) ? 'the build is missing' : staleReason(ROOT)
  if (!why) return
  log(`Building (npx electron-vite build): ${why} ...`)
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('the build failed; the bench times the built app')
}

/** Removes folders of runs that died, and names the runs still going (their figures and ours disturb each other). */
function otherRuns() {
  const others = []
  for (const name of readdirSync(join(ROOT, '.bench'))) {
    const pid = Number(name.match(/^run-(\d+)$/)?.[1])
    if (!pid || pid === process.pid) continue
    if (isAlive(pid)) others.push(pid)
    else rmSync(join(ROOT, '.bench', name), { recursive: true, force: true })
  }
  return others
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

async function main() {
  if (args.report) return report(args.report.split(',').map((file) => JSON.parse(readFileSync(resolve(file), 'utf8'))))
  ensureBuild()
  mkdirSync(WORK, { recursive: true })
  try {
    return await run()
  } finally {
    rmSync(WORK, { recursive: true, force: true })
  }
}

async function run() {
  const concurrent = otherRuns()
  if (concurrent.length > 0) log(`Note: other bench runs are going (pid ${concurrent.join(', ')}); both sets of figures suffer.`)
  const loadBefore = loadAverage()
  const started = Date.now()
  const results = []
  let failed = false
  const browserRows = args['no-browser'] ? null : await import('./bench/browser-rows.mjs')

  const columns = sizes.map((size) => ({ size, shape: 'real' }))
  if (args.light) columns.push(...sizes.map((size) => ({ size, shape: 'light' })))
  for (const { size, shape } of columns) {
    const folder = await cardFolder(size, shape)
    const { dir } = folder
    log(`${size.toLocaleString('en')} ${shape}-shaped cards (${(folder.bytes / 1e6).toFixed(0)} MB) ${folder.reused ? 'reused from' : `generated in ${ms(folder.ms)} into`} ${dir}`)
    const rounds = Number(args.rounds ?? (args.smoke ? 1 : 3))
    const result = { size, shape, bytes: folder.bytes, core: null, browser: null, stories: null }
    results.push(result)
    if (!args['no-core']) {
      try {
        result.core = await measureCore(dir, { rounds, rewrites: args.smoke ? 3 : 10, log, work: WORK, collect: !args['no-collect'] })
      } catch (error) {
        failed = true
        log(`  core rows failed: ${error instanceof Error ? error.message : error}`)
      }
    }
    if (!args['no-stories'] && shape === 'real') {
      try {
        result.stories = await measureStories(size, { log })
      } catch (error) {
        failed = true
        result.stories = { error: String(error) }
        log(`  story rows failed: ${error instanceof Error ? error.message : error}`)
      }
    }
    if (browserRows) {
      try {
        const { scanCards: expectedCards, relatedItems: expectedRelated } = result.core ?? {}
        result.browser = await browserRows.measureBrowser(dir, { size, log, work: WORK, smoke: args.smoke, ...(expectedCards ? { expectedCards, expectedRelated } : {}) })
      } catch (error) {
        failed = true
        result.browser = { error: String(error) }
        log(`  browser rows failed: ${error instanceof Error ? error.stack : error}`)
      }
    }
  }

  const facts = renderRunFacts({
    date: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: gitCommit(),
    machine: machine(),
    loadBefore,
    loadAfter: loadAverage(),
    browserNote: [browserRows ? '' : 'Browser rows skipped (--no-browser).', concurrent.length ? `Another bench run was going at the start (pid ${concurrent.join(', ')}).` : ''].filter(Boolean).join(' '),
    options: `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim()
  })
  if (args.save) writeFileSync(resolve(args.save), JSON.stringify({ facts, results }))
  return report([{ facts, results }], failed)
}

/** Prints (and unless --smoke or --no-write, writes) one table for the runs given. */
function report(runs, failed = false) {
  const table = renderTable(buildRows(runs.flatMap((run) => run.results)))
  const facts = runs.map((run) => run.facts).join('\n\n')
  log('')
  log(facts)
  log('')
  log(table)
  if (!args.smoke && !args['no-write']) {
    writeBenchmarks(join(ROOT, 'BENCHMARKS.md'), `${facts}\n\n${table}`)
    log('\nWritten to BENCHMARKS.md')
  }
  return failed ? 1 : 0
}

/** The smoke run writes a small scratch folder; real runs use (and fill) the cache. */
async function cardFolder(size, shape) {
  if (args.smoke) {
    const dir = join(WORK, `cards-${shape}-${size}`)
    const started = performance.now()
    const { bytes } = await writeCardFolder(dir, { count: size, seed: SEED, shape })
    return { dir, bytes, reused: false, ms: performance.now() - started }
  }
  return cachedCardFolder(args.cache ? resolve(args.cache) : DEFAULT_CACHE, { count: size, seed: SEED, shape })
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : error}\n`)
    process.exit(1)
  }
)
