// `tidings serve` from the build as a child process, as a user runs it: started, its page URL awaited,
// stopped. Plain JavaScript (typed by serve-child.d.mts) so the scripts (bench, fuzz, measuring) and the
// Playwright fixtures share the one copy.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

export const REPO_ROOT = resolve(import.meta.dirname, '..')
export const CLI = join(REPO_ROOT, 'out', 'main', 'cli.js')
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/

/** Extra Node flags for the host from TIDINGS_SERVE_NODE_FLAGS (say `--cpu-prof --cpu-prof-dir=/tmp/p`, which NODE_OPTIONS refuses). */
const nodeFlags = () => (process.env.TIDINGS_SERVE_NODE_FLAGS ?? '').split(' ').filter(Boolean)

/**
 * Starts `tidings serve FOLDER --port PORT --data-dir DIR --no-open ...extraArgs` and resolves once it has
 * printed its URL. Rejects, the child killed and its output in the message, when it exits first or prints
 * no URL within timeoutMs.
 */
export async function startServe({ folder, dataDir, port = 0, extraArgs = [], timeoutMs = 20_000 }) {
  const args = [...nodeFlags(), CLI, 'serve', folder, '--port', String(port), '--data-dir', dataDir, '--no-open', ...extraArgs]
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } })
  const output = []
  createInterface({ input: child.stderr }).on('line', (line) => output.push(`[stderr] ${line}`))
  const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)))

  const url = await new Promise((resolveUrl, reject) => {
    let settled = false
    const timer = setTimeout(() => fail(`no URL printed within ${timeoutMs} ms`), timeoutMs)
    function fail(reason) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`tidings serve failed: ${reason}\n${output.join('\n')}`))
    }
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line)
      const match = line.match(URL_PATTERN)
      if (!match || settled) return
      settled = true
      clearTimeout(timer)
      resolveUrl(match[0])
    })
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`))
    child.once('error', (error) => fail(error.message))
  })

  const parsed = new URL(url)
  const running = () => child.exitCode === null && child.signalCode === null
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    pid: child.pid,
    output,
    exited,
    /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
    async stop() {
      if (!running()) return
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
      child.kill('SIGTERM')
      await exited
      clearTimeout(force)
    },
    async kill() {
      if (running()) child.kill('SIGKILL')
      await exited
    }
  }
}
