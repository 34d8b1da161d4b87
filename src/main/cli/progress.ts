// A progress bar on stderr while a large folder is read, only on a terminal
// (never in pipes, logs or tests), so stdout stays clean for --json.
import { Presets, SingleBar } from 'cli-progress'
import type { CliIo } from './io'

const WORTH_A_BAR = 1000

export interface Progress {
  update(progress: { phase: 'listing' | 'reading'; done: number; total: number }): void
  stop(): void
}

export function startProgress(io: CliIo): Progress {
  if (!io.interactive) return { update: () => undefined, stop: () => undefined }
  let bar: SingleBar | null = null
  return {
    update({ phase, done, total }) {
      if (phase !== 'reading' || total < WORTH_A_BAR) return
      if (bar === null) {
        bar = new SingleBar({ format: 'Reading cards [{bar}] {value}/{total}', clearOnComplete: true, stream: process.stderr }, Presets.shades_classic)
        bar.start(total, done)
      } else bar.update(done)
    },
    stop() {
      bar?.stop()
      bar = null
    }
  }
}
