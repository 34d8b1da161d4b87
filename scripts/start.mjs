// `npm start`: the Electron window where its runtime exists, else the browser
// host on the bundled sample folder, announced in one line.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ensureBuilt, packageRoot } from './ensure-build.mjs'

const electronDir = join(packageRoot, 'node_modules', 'electron')
const FETCH_TIMEOUT_MS = 120_000
// An Electron that dies this fast never showed a window (no display, broken runtime).
const EARLY_EXIT_MS = 5_000

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
  const binary = join(dist, relative)
  return existsSync(binary) ? binary : null
}

function fetchElectronOnce() {
  const installer = join(electronDir, 'install.js')
  if (!existsSync(installer)) return 'the electron package is not installed'
  process.stderr.write('tidings: the Electron runtime is missing; trying to download it once...\n')
  const result = spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore', timeout: FETCH_TIMEOUT_MS })
  if (result.error?.code === 'ETIMEDOUT') return `its download timed out after ${FETCH_TIMEOUT_MS / 1000} s`
  return result.status === 0 ? null : 'it could not be downloaded (no network?)'
}

function launchElectron(binary) {
  return new Promise((resolve) => {
    const startedAt = Date.now()
    const child = spawn(binary, ['.'], { cwd: packageRoot, stdio: 'inherit' })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward).on('SIGTERM', forward)
    child.on('error', (error) => resolve({ ok: false, reason: `it could not start (${error.message})` }))
    child.on('exit', (code, signal) => {
      const early = Date.now() - startedAt < EARLY_EXIT_MS
      if (code !== 0 && early && !signal) resolve({ ok: false, reason: `it exited at once with status ${code}` })
      else resolve({ ok: true, code: code ?? 0 })
    })
  })
}

function serveInBrowser(why) {
  const args = [join(packageRoot, 'out', 'main', 'cli.js'), 'serve']
  if (process.env.CI) args.push('--no-open')
  const child = spawn(process.execPath, args, { cwd: packageRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  let announced = false
  createInterface({ input: child.stdout }).on('line', (line) => {
    const url = !announced && line.match(/https?:\/\/127\.0\.0\.1:\d+\/\?token=\S+/)
    if (url) {
      announced = true
      process.stdout.write(`Tidings: no Electron window because ${why}; open the browser version at ${url[0]}\n`)
    } else process.stdout.write(`${line}\n`)
  })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward).on('SIGTERM', forward)
  child.on('exit', (code) => process.exit(code ?? 0))
}

try {
  ensureBuilt()
} catch (error) {
  process.stderr.write(`tidings: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}

let binary = electronBinary()
let why = 'the Electron runtime is not installed'
if (!binary) {
  const failure = fetchElectronOnce()
  binary = electronBinary()
  if (!binary) why = `the Electron runtime is not installed and ${failure ?? 'the download left no runtime'}`
}
if (binary) {
  const outcome = await launchElectron(binary)
  if (outcome.ok) process.exit(outcome.code)
  why = `Electron ${outcome.reason}`
}
serveInBrowser(why)
