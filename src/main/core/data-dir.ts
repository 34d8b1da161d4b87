import { homedir } from 'node:os'
import { join } from 'node:path'

const APP_DIR_NAME = 'Tidings'

/**
 * Where Tidings keeps its own data (image cache, journal, settings).
 * `$TIDINGS_DATA_DIR` wins, so tests and portable installs can point it anywhere.
 * Electron's app.getPath('userData') resolves to the same places for the app name "Tidings"
 * (except Linux, where we follow XDG with a lower-case name like most CLI tools).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.TIDINGS_DATA_DIR?.trim()
  if (override) return override
  const home = env.HOME || homedir()
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'tidings')
}

/** The offline image cache inside a data folder; the app, `tidings serve` and `tidings cache` must agree on it. */
export function imageCacheDir(dataDir: string = defaultDataDir()): string {
  return join(dataDir, 'image-cache')
}
