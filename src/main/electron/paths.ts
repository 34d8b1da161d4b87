import { app } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The main bundle lives at out/main/index.js, next to out/renderer and
// out/preload, both in the repo and inside the packaged app.asar.
export const rendererRoot = (): string => fileURLToPath(new URL('../renderer/', import.meta.url))
export const preloadPath = (): string => fileURLToPath(new URL('../preload/index.cjs', import.meta.url))

/**
 * The bundled sample folder: an extraResource when packaged, resources/ in the
 * repo otherwise (found from the bundle, so `electron .` and
 * `electron out/main/index.js` agree).
 */
export const sampleFolder = (): string =>
  app.isPackaged ? join(process.resourcesPath, 'sample-cards') : fileURLToPath(new URL('../../resources/sample-cards', import.meta.url))

/**
 * The electron-vite dev server, when running `npm run dev`; never in a
 * packaged app, whatever the environment says.
 */
export function devServerUrl(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL
  return !app.isPackaged && url ? url : null
}
