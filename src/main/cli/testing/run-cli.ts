// Runs tidings commands in this process with their output kept, for the CLI's tests.
import type { CliIo } from '../io'
import { runCli } from '../main'

/** Each line of `--json` output, parsed; none yet is an empty list. */
export const jsonLines = (out: string): Array<Record<string, unknown>> =>
  out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

export interface CapturedIo extends CliIo {
  stdout(): string
  stderr(): string
  /** stdout's JSON lines. */
  lines(): Array<Record<string, unknown>>
}

/** A non-interactive terminal that keeps what is written; `extra` adds or replaces its parts (e.g. `drained`). */
export function captureIo(extra: Partial<CliIo> = {}): CapturedIo {
  let out = ''
  let err = ''
  return {
    out: (text) => void (out += typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8')),
    err: (text) => void (err += text),
    interactive: false,
    stdout: () => out,
    stderr: () => err,
    lines: () => jsonLines(out),
    ...extra
  }
}

/** `tidings ...argv`, as the command line would run it. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo()
  const code = await runCli(argv, io)
  return { code, out: io.stdout(), err: io.stderr() }
}
