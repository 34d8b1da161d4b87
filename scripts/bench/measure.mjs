// Small helpers the benchmark shares: child processes, timing, percentiles, machine facts.
import { spawn } from 'node:child_process'
import { cpus, loadavg, platform, release, totalmem, arch } from 'node:os'
import { execFileSync } from 'node:child_process'

/** Runs a node script and parses the last JSON line it prints. Rejects with its stderr on failure. */
export function runNodeJson(script, args, { timeoutMs = 30 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const line = out.trim().split('\n').pop() ?? ''
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited ${code ?? signal}:\n${err.slice(-2000)}`))
      try {
        resolve(JSON.parse(line))
      } catch {
        reject(new Error(`${script} printed no JSON result:\n${out.slice(-1000)}\n${err.slice(-1000)}`))
      }
    })
  })
}

/**
 * Wall time of a shell command and the CPU time (user + system) it used, both in
 * ms. CPU time comes from bash's `times` (its children's totals), so it is NaN
 * where bash is missing.
 */
export function timeShell(command) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('bash', ['-c', `${command}\ntimes`], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${command} failed (${code}): ${err}`))
      const ms = performance.now() - started
      resolve({ ms, cpuMs: childrenCpuMs(out) })
    })
  })
}

// `times` prints "0m0.002s 0m0.000s" (the shell) then the children's "user sys".
function childrenCpuMs(timesOutput) {
  const lines = timesOutput.trim().split('\n')
  const seconds = (lines.at(-1) ?? '').match(/(\d+)m([\d.]+)s/g)
  if (!seconds || seconds.length < 2) return NaN
  return seconds.slice(0, 2).reduce((sum, part) => {
    const [, minutes, secs] = part.match(/(\d+)m([\d.]+)s/)
    return sum + (Number(minutes) * 60 + Number(secs)) * 1000
  }, 0)
}

/** CPU time (user + system, every thread) this process has used, in ms. */
export function processCpuMs() {
  const usage = process.resourceUsage()
  return (usage.userCPUTime + usage.systemCPUTime) / 1000
}

export function percentile(values, p) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export function machine() {
  const cpu = cpus()
  let os = `${platform()} ${release()} ${arch()}`
  try {
    const pretty = execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'], { encoding: 'utf8' }).trim()
    if (pretty) os = `${pretty} (${os})`
  } catch {
    // Not Linux, or no os-release: the kernel line is enough.
  }
  return {
    os,
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version
  }
}

export const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' ')
