import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

export type ElectronRuntime = { binary: string } | { unavailable: string }

/**
 * The Electron binary to launch, or why there is none. Found the way the
 * `electron` package does (path.txt, dist/ or ELECTRON_OVERRIDE_DIST_PATH), but
 * without requiring it: its entry point tries to download a missing runtime.
 */
export function findElectronRuntime(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronRuntime {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { unavailable: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return { unavailable: `the Electron runtime was never downloaded (no ${pathFile}; npm's ignore-scripts skipped it, or there is no network)` }
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), readFileSync(pathFile, 'utf8').trim())
  try {
    accessSync(binary, constants.X_OK)
  } catch {
    return { unavailable: `the Electron runtime binary is missing or not executable: ${binary}` }
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { unavailable: 'there is no display (DISPLAY is unset); run under xvfb-run' }
  return { binary }
}
