// Builds the app once when its output is missing or older than the sources.
// .npmrc sets ignore-scripts (Electron's postinstall download fails offline), so
// `prepare` never runs on install: this is what makes `npm install && npx tidings`
// work on a fresh clone.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)))

const OUTPUTS = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
const SOURCES = ['src', 'electron.vite.config.ts']

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry.name)))
  }
  return newest
}

/** Why a build is needed, or null when the output is current. */
export function staleReason(root = packageRoot) {
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)))
  if (missing) return `${missing} is missing`
  const oldestOutput = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs))
  const newestSource = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))))
  return newestSource > oldestOutput ? 'the sources changed since the last build' : null
}

/** Runs `electron-vite build` when needed; its chatter stays off stdout so `--json` output stays clean. */
export function ensureBuilt(root = packageRoot) {
  const reason = staleReason(root)
  if (!reason) return
  let cli
  try {
    const require = createRequire(join(root, 'package.json'))
    const pkgPath = require.resolve('electron-vite/package.json')
    cli = join(dirname(pkgPath), require(pkgPath).bin['electron-vite'])
  } catch {
    if (reason.endsWith('missing')) throw new Error(`Tidings is not built (${reason}) and electron-vite is not installed: run \`npm install\` first.`)
    return
  }
  process.stderr.write(`tidings: building the app once (${reason})...\n`)
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
    throw new Error(`The build failed (electron-vite build exited with ${result.status ?? result.signal}).`)
  }
}
