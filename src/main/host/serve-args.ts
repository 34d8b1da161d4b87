import { parseCommandArgs } from '../cli/command-args'

export interface ServeArgs {
  folder: string | null
  /** Null means the usual port, DEFAULT_PORT, or a free one when that is taken. */
  port: number | null
  dataDir: string | null
  open: boolean
  /** Images may come from loopback and private networks (home servers; the test image servers). */
  allowPrivateImages: boolean
  help: boolean
}

/**
 * The page's origin includes the port, and IndexedDB is bound to the origin: one stable port
 * lets a restarted host find the cards and marks it stored last time.
 */
export const DEFAULT_PORT = 4317

export const SERVE_USAGE = `Usage: tidings serve [FOLDER] [--port N] [--data-dir DIR] [--no-open] [--allow-private-images]

Serves Tidings to your browser on 127.0.0.1, reading FOLDER (default: the bundled sample cards).
  --port N         listen on port N (default: ${DEFAULT_PORT}, or a free port when it is taken; 0: a free port)
  --data-dir DIR   where the journal and image cache live (default: $TIDINGS_DATA_DIR or the app data folder)
  --no-open        do not open a browser, and refuse to open links in one
  --allow-private-images
                   let cards' images come from loopback, private and link-local
                   addresses (a home server); refused by default`

/** Parses `serve`'s arguments; throws an Error with a user-facing message when they are wrong. */
export function parseServeArgs(args: string[]): ServeArgs {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    'allow-private-images': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  })
  if (positionals.length > 1) throw new Error(`Expected at most one FOLDER, got ${positionals.length}`)
  const port = values.port === undefined ? null : Number(values.port)
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`)
  return {
    folder: positionals[0] ?? null,
    port,
    dataDir: values['data-dir'] ?? null,
    open: !values['no-open'],
    allowPrivateImages: values['allow-private-images'],
    help: values.help
  }
}
