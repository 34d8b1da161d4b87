import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './corpus.mjs'

const CLI = join(REPO_ROOT, 'out', 'main', 'cli.js')

/** `tidings scan DIR --json` from the build, as a user runs it, with a heap cap so a blow-up is quick. */
export function scanLines(dir, timeoutMs) {
  const run = spawnSync(process.execPath, ['--max-old-space-size=1024', CLI, 'scan', dir, '--json', '--workers', '0'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 30 })
  if (run.error || run.status !== 0) {
    const why = run.error?.code === 'ETIMEDOUT' ? `timed out after ${timeoutMs} ms` : `exited with ${run.status ?? run.signal}`
    return { ok: false, problem: `${why}: ${(run.stderr ?? '').trim().split('\n').slice(-2).join(' ').slice(0, 300)}` }
  }
  return { ok: true, lines: run.stdout.trim().split('\n').map((line) => JSON.parse(line)) }
}

/** The folder as the app's own scan reads it: winning file path -> title, for stories of one file. */
export function cardsOnDisk(dir) {
  const scan = scanLines(dir, 120_000)
  if (!scan.ok) throw new Error(`tidings scan ${dir} failed: ${scan.problem}`)
  const cards = new Map()
  for (const line of scan.lines) if (line.type === 'card') cards.set(line.path, { title: line.title, id: line.id, aliases: line.aliases ?? [] })
  return { cards, errors: scan.lines.filter((line) => line.type === 'error').map((line) => line.path) }
}
