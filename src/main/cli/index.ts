// Entry of out/main/cli.js, run by bin/tidings.js.
import { runCli } from './main'

// A reader that stops early (`tidings scan --json | head`) closes the pipe: that ends the command quietly, as
// it does for any Unix tool, instead of a stack trace for an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(0)
})

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`tidings: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  }
)
