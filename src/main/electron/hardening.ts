import { app, session, shell, type WebContents } from 'electron'
import { safeExternalUrl } from '../core/security/external-url'
import { droppedPathOf } from '../core/security/navigation'

export interface HardeningOptions {
  /** Called with the local path when Chromium tries to navigate to a dropped file or folder. */
  onDroppedPath(path: string): void
}

/** Opens an http(s) link in the system browser; refuses anything else. */
export async function openExternalSafely(raw: unknown): Promise<boolean> {
  const url = safeExternalUrl(raw)
  if (url === null) return false
  await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- reason: url passed safeExternalUrl (parsed by new URL, http or https only, no credentials)
  return true
}

/** Every renderer sandboxed, whatever its window says. Only possible before the app is ready. */
export function sandboxEveryRenderer(): void {
  app.enableSandbox()
}

/**
 * The Electron security checklist, applied to every web contents the app ever
 * creates: no navigation, no new windows (http(s) links go to the system
 * browser), no webviews, no permissions.
 */
export function applyHardening(options: HardeningOptions): void {
  const denyAll = session.defaultSession
  denyAll.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  denyAll.setPermissionCheckHandler(() => false)
  denyAll.setDevicePermissionHandler(() => false)

  app.on('web-contents-created', (_event, contents) => guardContents(contents, options))
}

function guardContents(contents: WebContents, options: HardeningOptions): void {
  // The page never leaves the app. A file dropped on the window makes Chromium
  // try to navigate to it; that is how the shell learns of the drop.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    const dropped = droppedPathOf(url)
    if (dropped !== null) options.onDroppedPath(dropped)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url)
    return { action: 'deny' }
  })
}
