// `npm run security`: @doyensec/electronegativity over what Tidings ships, offline.
// Exits 1 on any finding of medium severity or above (or a file it could not
// parse), printing every finding; 2 when the build output is missing.
//
// What is scanned, and why:
// - out/renderer, as built: the page that ships, with its CSP meta tag and the
//   bundled renderer code.
// - src/main and src/preload, as written (TypeScript, which electronegativity
//   parses with Babel): the bundler strips line comments, so a false positive
//   silenced in the source (`// eng-disable CHECK_ID -- reason: ...` on the
//   flagged line) would come back in out/main. ESLint keeps every Electron call
//   in src/main/electron and src/preload, so nothing Electron-facing is missed.
// All three go into one run so the global checks (navigation limits,
// permission handler, CSP) see the app whole. Tests are left out: they don't ship.
//
// Offline: electronegativity fetches translations and Electron's release list
// with `got`. A stub that always fails replaces `got`, and the release check
// (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which needs that list) is excluded;
// the Electron version is taken from node_modules instead of being guessed.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Module, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const SCANNED = [
  { from: join(root, 'src', 'main'), as: 'main' },
  { from: join(root, 'src', 'preload'), as: 'preload' },
  { from: join(root, 'out', 'renderer'), as: 'renderer' }
]
const MEDIUM = 2

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

function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-electronegativity-'))
  for (const { from, as } of SCANNED) {
    cpSync(from, join(dir, as), { recursive: true, filter: (path) => !/\.test\.tsx?$/.test(path) })
  }
  return dir
}

const shownPath = (staged) => {
  const [top, ...rest] = staged.split(sep)
  const source = SCANNED.find((entry) => entry.as === top)
  return source ? relative(root, join(source.from, ...rest)) : staged
}

async function scan(dir) {
  const entry = require.resolve('@doyensec/electronegativity')
  stubOutNetwork(entry)
  const run = require(entry)
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  // Its one line about the (stubbed) translation download is noise here.
  const log = console.log
  console.log = (...args) => {
    if (!/Could not retrieve updated translations/.test(String(args[0]))) log(...args)
  }
  try {
    return await run({ input: dir, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] })
  } finally {
    console.log = log
  }
}

if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('electronegativity: out/renderer is missing; run `npx electron-vite build` first.')
  process.exit(2)
}

const dir = stage()
let result
try {
  result = await scan(dir)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const failing = result.issues.filter((issue) => issue.severity.value >= MEDIUM)
const unparsed = result.errors.filter((error) => !error.tolerable)
for (const issue of result.issues) {
  const where = issue.file === 'N/A' ? 'whole app' : `${shownPath(issue.file)}:${issue.location.line}:${issue.location.column}`
  const mark = issue.severity.value >= MEDIUM ? 'FAIL' : 'note'
  console.log(`${mark} ${issue.severity.name}/${issue.confidence.name} ${issue.id} at ${where}`)
  console.log(`     ${issue.description}${issue.sample ? `\n     > ${issue.sample}` : ''}\n     ${issue.shortenedURL}`)
}
for (const error of unparsed) console.log(`FAIL could not parse ${shownPath(error.file)}: ${error.message}`)

const summary = `electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${failing.length} at medium or above, ${unparsed.length} unparsed files`
if (failing.length > 0 || unparsed.length > 0) {
  console.error(`${summary}. Fix them, or silence a false positive on its line: // eng-disable CHECK_ID -- reason: why`)
  process.exit(1)
}
console.log(`${summary}.`)
