// `tidings serve` from the build as a child process (as a user runs it), on a
// fixed port so a restarted host keeps the page's origin and its IndexedDB.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { REPO_ROOT } from './corpus.mjs'

const CLI = join(REPO_ROOT, 'out', 'main', 'cli.js')
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

export async function startHost({ folder, dataDir, port }) {
  const child = spawn(process.execPath, [CLI, 'serve', folder, '--port', String(port), '--data-dir', dataDir, '--no-open'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' }
  })
  const output = []
  createInterface({ input: child.stderr }).on('line', (line) => output.push(`[stderr] ${line}`))
  const url = await new Promise((resolve, reject) => {
    // A just-killed host's port can take a moment to come free: retrying is the harness's job, so fail fast here.
    const timer = setTimeout(() => fail('no URL printed within 20 s'), 20_000)
    function fail(reason) {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`tidings serve failed: ${reason}\n${output.join('\n')}`))
    }
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line)
      const match = line.match(URL_PATTERN)
      if (match) {
        clearTimeout(timer)
        resolve(match[0])
      }
    })
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`))
  })
  const parsed = new URL(url)
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token'),
    output,
    exited,
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const force = setTimeout(() => child.kill('SIGKILL'), 5000)
      child.kill('SIGTERM')
      await exited
      clearTimeout(force)
    },
    /** A host call as the page makes it (same token header and origin). */
    call: async (name, arg = null) => {
      const response = await fetch(`${parsed.origin}/api/call/${name}`, {
        method: 'POST',
        headers: { 'X-Tidings-Token': parsed.searchParams.get('token'), Origin: parsed.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ arg })
      })
      const body = await response.json()
      if (!body.ok) throw new Error(`${name} failed (${response.status}): ${body.error}`)
      return body.result
    }
  }
}

/** Starts the host, retrying while the port of a just-killed one is still held. */
export async function startHostRetrying(options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startHost(options)
    } catch (error) {
      if (attempt >= 5 || !/EADDRINUSE|in use|taken/i.test(error.message)) throw error
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt))
    }
  }
}
