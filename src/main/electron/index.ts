// The Electron main process: the only place the core meets Electron.
import { app, BrowserWindow, dialog } from 'electron'
import { join, resolve } from 'node:path'
import { EVENT_CHANNEL, type MenuCommand, type TidingsEvent } from '../../shared/contract'
import { defaultDataDir } from '../core/data-dir'
import { APP_ENTRY_URL, originOf } from '../core/security/origins'
import { startCore } from './core-wiring'
import { DroppedFolder } from './dropped-folder'
import { applyHardening, openExternalSafely, sandboxEveryRenderer } from './hardening'
import { registerCalls } from './ipc'
import { installApplicationMenu } from './menu'
import { devServerUrl, preloadPath, rendererRoot, sampleFolder } from './paths'
import { handleAppProtocol, handleImageProtocol, registerPrivilegedSchemes } from './protocols'
import { createMainWindow } from './window'

const QUIT_TIMEOUT_MS = 3000

// All of this must happen before the app is ready: schemes can only be
// privileged and the sandbox enforced then, and the data folder decides where
// IndexedDB and the instance lock live.
registerPrivilegedSchemes()
sandboxEveryRenderer()
app.setName('Tidings')
const dataDir = resolve(defaultDataDir())
app.setPath('userData', dataDir)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void start()
}

async function start(): Promise<void> {
  let mainWindow: BrowserWindow | null = null
  const droppedFolder = new DroppedFolder()

  const showMainWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }
  const emit = (event: TidingsEvent): void => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event)
  }
  const sendCommand = (command: MenuCommand): void => emit({ type: 'menu-command', command })

  // Set once the app is ready; a second launch before then just focuses what appears.
  let openWindow: (() => void) | null = null
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) showMainWindow()
    else openWindow?.()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  await app.whenReady()

  applyHardening({
    onDroppedPath: (path) => {
      // The renderer answers 'open-folder' with chooseFolder(), which hands it this path.
      droppedFolder.offer(path)
      showMainWindow()
      sendCommand('open-folder')
    }
  })
  handleAppProtocol(rendererRoot())

  const core = startCore({ dataDir, version: app.getVersion(), sampleFolder: sampleFolder(), emit })
  handleImageProtocol(core.lookupImage)

  const devUrl = devServerUrl()
  registerCalls(
    {
      ...core.calls,
      chooseFolder: async () => {
        const dropped = droppedFolder.take()
        if (dropped !== null) return dropped
        const options = { title: 'Open a folder of cards', buttonLabel: 'Open', properties: ['openDirectory' as const] }
        const result = mainWindow && !mainWindow.isDestroyed() ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
        return result.canceled ? null : (result.filePaths[0] ?? null)
      },
      openExternal: ({ url }) => openExternalSafely(url)
    },
    { trustedOrigin: devUrl ? (originOf(devUrl) ?? undefined) : undefined }
  )

  installApplicationMenu({ send: sendCommand, platform: process.platform, isPackaged: app.isPackaged })

  openWindow = (): void => {
    mainWindow = createMainWindow({ preload: preloadPath(), url: devUrl ?? APP_ENTRY_URL, stateFile: join(dataDir, 'window-state.json') })
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  }
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow?.()
  })

  // Quitting waits for the core to flush the journal and stop watching, but never hangs on it.
  let closing = false
  app.on('will-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    const giveUp = new Promise((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS).unref())
    void Promise.race([core.close(), giveUp])
      .catch(() => undefined)
      .finally(() => app.quit())
  })
}
