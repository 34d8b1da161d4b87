// `tidings serve [FOLDER]`: Tidings in the browser, served on 127.0.0.1 until interrupted.
import { resolve } from 'node:path'
import { defaultDataDir } from '../core/data-dir'
import { FolderUnusableError } from '../core/scan/scan'
import { startBrowserHost } from '../host/browser-host'
import { openInBrowser } from '../host/open-in-browser'
import { findPackage, rendererDirOf, sampleFolderOf } from '../host/package-root'
import { DEFAULT_PORT, parseServeArgs, SERVE_USAGE, type ServeArgs } from '../host/serve-args'
import { keepHeapNearLive } from './heap-growth'
import { stdio, type CliIo } from './io'
import { logMemoryFromEnv } from './memory-log'
import { messageOf } from '../../shared/errors'

export interface ServeOptions {
  /** Stops serving, like SIGINT (for callers that run it in-process). */
  signal?: AbortSignal
  /** The built renderer; default out/renderer of this package. */
  rendererDir?: string
}

export async function run(argv: string[], io: CliIo = stdio, options: ServeOptions = {}): Promise<number> {
  let args: ServeArgs
  try {
    args = parseServeArgs(argv)
  } catch (error) {
    io.err(`tidings serve: ${messageOf(error)}\n\n${SERVE_USAGE}\n`)
    return 2
  }
  if (args.help) {
    io.out(`${SERVE_USAGE}\n`)
    return 0
  }

  keepHeapNearLive()
  logMemoryFromEnv()
  const pkg = findPackage()
  const sampleFolder = sampleFolderOf(pkg.root)
  // In CI or with --no-open nothing may pop up, not even for a link the page asks to open.
  const mayOpen = args.open && !process.env.CI
  const start = (port: number) =>
    startBrowserHost({
      folder: args.folder === null ? sampleFolder : resolve(args.folder),
      dataDir: args.dataDir === null ? defaultDataDir() : resolve(args.dataDir),
      rendererDir: options.rendererDir ?? rendererDirOf(pkg.root),
      sampleFolder,
      version: pkg.version,
      port,
      openLinks: mayOpen,
      allowPrivateImages: args.allowPrivateImages
    })
  const port = args.port ?? DEFAULT_PORT
  let host
  try {
    host = await start(port).catch((error: unknown) => {
      if (args.port !== null || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
      io.err(`tidings serve: port ${DEFAULT_PORT} is taken, so this page gets a free port; cards and marks stored by the page on port ${DEFAULT_PORT} are not shared with it.\n`)
      return start(0)
    })
  } catch (error) {
    io.err(`tidings serve: ${reasonOf(error, port)}\n`)
    return error instanceof FolderUnusableError ? 2 : 1
  }

  io.out(`Tidings is serving ${host.folder} at ${host.url} (Ctrl+C to stop)\n`)
  if (mayOpen) void openInBrowser(host.url)
  await untilStopped(options.signal)
  await host.close()
  return 0
}

function reasonOf(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') return `port ${port} is already in use: pick another with --port, or leave it out for a free one.`
  if (code === 'EACCES' && port !== 0) return `not allowed to listen on port ${port}: pick one above 1023.`
  return messageOf(error)
}

function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      signal?.removeEventListener('abort', stop)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    signal?.addEventListener('abort', stop, { once: true })
    if (signal?.aborted) stop()
  })
}
