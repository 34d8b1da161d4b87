import { fileURLToPath } from 'node:url'

/**
 * The local path a blocked navigation points at, when the navigation is what
 * Chromium does for a file or folder dropped on the window; null otherwise.
 * Every navigation is blocked either way: this only lets the shell offer the
 * dropped folder to the renderer.
 */
export function droppedPathOf(navigationUrl: string): string | null {
  let url: URL
  try {
    url = new URL(navigationUrl)
  } catch {
    return null
  }
  if (url.protocol !== 'file:' || url.search !== '' || url.hash !== '') return null
  // A file URL naming another machine (file://server/share) is not a drop.
  if (url.host !== '' && url.host !== 'localhost') return null
  try {
    const path = fileURLToPath(url)
    return path.includes('\0') ? null : path.replace(/[\\/]+$/, '') || path
  } catch {
    return null
  }
}
