// Where a command writes. Commands take it as a parameter so tests can run
// them in-process and read what they printed.
export interface CliIo {
  /** Bytes are UTF-8 text already encoded (the JSON lines' blocks). */
  out(text: string | Uint8Array): void
  err(text: string): void
  /** Resolves once what `out` wrote has drained (stdout to a slow pipe); absent when writes never queue. */
  drained?(): Promise<void>
  /** True when stderr is a terminal, so progress may be drawn. */
  interactive: boolean
}

export const stdio: CliIo = {
  out: (text) => void process.stdout.write(text),
  drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  err: (text) => void process.stderr.write(text),
  get interactive() {
    return process.stderr.isTTY === true
  }
}
