// `npm run security`: @doyensec/electronegativity over Tidings, offline.
// Exits 1 on any finding of medium severity or above (or a file it could not
// parse), printing every finding; 2 when the build output is missing.
//
// Two passes, because the bundler strips line comments: a false positive
// silenced where it is written (`// eng-disable CHECK_ID -- reason: ...` on the
// flagged line, the tool's own mechanism) would come back in out/.
// 1. The gate: the sources as written (src/main, src/preload, src/renderer;
//    TypeScript, which electronegativity parses with Babel) together with the
//    page as built (out/renderer/index.html, CSP and all), in one run so the
//    global checks (navigation limits, permission handler, CSP) see the app
//    whole. Every finding at medium or above fails, unless silenced on its line.
// 2. The build output (all of out/, bundled dependencies included, built here unminified so findings keep their callee names): every
//    finding at medium or above must be one the gate already judged, the same
//    check on the same call. Anything else (code the bundle brought in) fails.
// Tests and test helpers (*.test.*, testing/ folders) don't ship and are left out.
//
// Offline: electronegativity fetches translations and Electron's release list
// with `got`. A stub that always fails replaces `got`, and the release check
// (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which needs that list) is excluded;
// the Electron version is read from node_modules instead of being guessed.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Module, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const MEDIUM = 2
const shipped = (path) => !/\.test\.tsx?$/.test(path) && !path.split(sep).includes('testing')

const SOURCES = [
  { from: join(root, 'src', 'main'), as: 'main' },
  { from: join(root, 'src', 'preload'), as: 'preload' },
  { from: join(root, 'src', 'renderer', 'src'), as: 'renderer-src' },
  { from: join(root, 'out', 'renderer', 'index.html'), as: 'renderer/index.html' }
]
// The shipped page is minified, which renames the callees findings are matched by: the build output is
// read from an unminified build of the same sources, made here (electron.vite.config.ts).
const unminified = mkdtempSync(join(tmpdir(), 'tidings-unminified-'))
const BUILD = [{ from: unminified, as: 'out' }]

function stubOutNetwork(entry) {
  const gotPath = createRequire(entry).resolve('got')
  const offline = () => Promise.reject(new Error('electronegativity runs offline'))
  offline.head = offline
  const stub = new Module(gotPath)
  stub.filename = gotPath
  stub.loaded = true
  stub.exports = offline
  require.cache[gotPath] = stub
}

const lineOf = (file, line) => {
  try {
    return readFileSync(file, 'utf8').split('\n')[line - 1] ?? ''
  } catch {
    return ''
  }
}
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((item) => item.isFile()).map((item) => join(item.parentPath, item.name))

const entry = require.resolve('@doyensec/electronegativity')
stubOutNetwork(entry)
const run = require(entry)
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version

/**
 * Runs electronegativity over copies of `parts`; findings come back with their
 * real paths. `unsilenced` disables every eng-disable comment in the copies.
 */
async function scan(parts, { unsilenced = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-electronegativity-'))
  const log = console.log
  try {
    for (const { from, as } of parts) cpSync(from, join(dir, as), { recursive: true, filter: shipped })
    if (unsilenced) for (const file of filesUnder(dir)) writeFileSync(file, readFileSync(file, 'utf8').replaceAll('eng-disable', 'eng-judged'))
    // Its one line about the (stubbed) translation download is noise here.
    console.log = (...args) => {
      if (!/Could not retrieve updated translations/.test(String(args[0]))) log(...args)
    }
    const result = await run({ input: dir, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] })
    const realPath = (staged) => {
      const part = parts.find(({ as }) => staged === as || staged.startsWith(as + sep))
      return part ? relative(root, join(part.from, staged.slice(part.as.length))) : staged
    }
    for (const issue of result.issues) {
      if (issue.file === 'N/A') continue
      issue.file = realPath(issue.file)
      // The sample is trimmed, the column is not: read the flagged code from the file itself.
      issue.code = lineOf(join(root, issue.file), issue.location.line).slice(issue.location.column)
    }
    for (const error of result.errors) error.file = realPath(error.file)
    return result
  } finally {
    console.log = log
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What a finding is about, in a form the bundler leaves alone: the check and the callee or key at its column. */
function findingKey(issue) {
  return `${issue.id} ${/^[\w$.]+\(?/.exec(issue.code ?? '')?.[0] ?? ''}`
}

function print(issue, mark) {
  const where = issue.file === 'N/A' ? 'whole app' : `${issue.file}:${issue.location.line}:${issue.location.column}`
  console.log(`${mark} ${issue.severity.name}/${issue.confidence.name} ${issue.id} at ${where}`)
  console.log(`     ${issue.description}${issue.sample ? `\n     > ${issue.sample}` : ''}\n     ${issue.shortenedURL}`)
}

if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('electronegativity: out/ is missing; run `npx electron-vite build` first.')
  process.exit(2)
}

const built = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  env: { ...process.env, TIDINGS_UNMINIFIED_OUT: unminified },
  stdio: ['ignore', 'ignore', 'inherit']
})
process.on('exit', () => rmSync(unminified, { recursive: true, force: true }))
if (built.status !== 0) {
  console.error('electronegativity: the unminified build failed.')
  process.exit(2)
}

const serious = (issue) => issue.severity.value >= MEDIUM
const failures = []

console.log('-- sources (src/main, src/preload, src/renderer) and the built page --')
const gate = await scan(SOURCES)
for (const issue of gate.issues) print(issue, serious(issue) ? 'FAIL' : 'note')
for (const error of gate.errors.filter((error) => !error.tolerable)) console.log(`FAIL could not parse ${error.file}: ${error.message}`)
failures.push(...gate.issues.filter(serious), ...gate.errors.filter((error) => !error.tolerable))

// Silenced findings are not in gate.issues: scan the sources again with nothing silenced to know them all.
const judged = new Map()
for (const issue of (await scan(SOURCES, { unsilenced: true })).issues.filter(serious)) judged.set(findingKey(issue), (judged.get(findingKey(issue)) ?? 0) + 1)

console.log('-- the build output (out/) --')
const build = await scan(BUILD)
let extra = 0
for (const issue of build.issues.filter(serious)) {
  const key = findingKey(issue)
  const left = judged.get(key) ?? 0
  if (left > 0) {
    judged.set(key, left - 1)
    continue
  }
  print(issue, 'FAIL')
  failures.push(issue)
  extra++
}
for (const error of build.errors.filter((error) => !error.tolerable)) {
  console.log(`FAIL could not parse ${error.file}: ${error.message}`)
  failures.push(error)
}
console.log(extra === 0 ? 'every finding in out/ is one judged in the sources' : `${extra} findings in out/ have no counterpart in the sources`)

const summary = `electronegativity: ${gate.globalChecks + gate.atomicChecks} checks, ${failures.length} failing findings`
if (failures.length > 0) {
  console.log(`${summary}. Fix them, or silence a false positive on its line: // eng-disable CHECK_ID -- reason: why`)
  process.exit(1)
}
console.log(`${summary}.`)
