// How a command ends early, worded the same by every command: its help, bad usage, an unusable folder.
import { FolderUnusableError } from '../core/scan/scan'
import type { CliIo } from './io'

/** The help on stdout (exit 0), or the problem and the help on stderr (exit 1, bad usage). */
export function usageExit(command: string, help: string, io: CliIo, problem?: string): number {
  if (problem === undefined) {
    io.out(help)
    return 0
  }
  io.err(`tidings ${command}: ${problem}\n\n${help}`)
  return 1
}

/** Exit 2 naming the folder and why it cannot be used; any other error is not ours and is thrown again. */
export function unusableFolderExit(command: string, error: unknown, io: CliIo): number {
  if (!(error instanceof FolderUnusableError)) throw error
  io.err(`tidings ${command}: cannot open folder ${error.folder}: ${error.reason}\n`)
  return 2
}
