#!/usr/bin/env node
// The `tidings` command: builds once if needed, then runs the bundled CLI.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ensureBuilt, packageRoot } from '../scripts/ensure-build.mjs'

try {
  ensureBuilt()
} catch (error) {
  process.stderr.write(`tidings: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
await import(pathToFileURL(join(packageRoot, 'out', 'main', 'cli.js')).href)
