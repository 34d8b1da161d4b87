import { BrowserWindow, nativeTheme, screen } from 'electron'
import { DEFAULT_SIZE, MIN_SIZE, readWindowState, restorableState, writeWindowState } from './window-state'

export interface MainWindowOptions {
  preload: string
  url: string
  /** Where the size and position are remembered between runs. */
  stateFile: string
}

export function createMainWindow({ preload, url, stateFile }: MainWindowOptions): BrowserWindow {
  const restored = restorableState(
    readWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const window = new BrowserWindow({
    ...(restored ? restored.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Tidings',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#ffffff',
    webPreferences: {
      preload, // eng-disable PRELOAD_JS_CHECK -- reason: our own bundled preload; it exposes only the typed contract through contextBridge, no Node, no raw ipcRenderer
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise try to open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      // A drop then arrives as a navigation, which the shell blocks and turns into "open this folder".
      navigateOnDragDrop: true,
      spellcheck: false
    }
  })
  if (restored?.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    try {
      writeWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    } catch {
      // Losing the window position is not worth failing to close.
    }
  })
  void window.loadURL(url)
  return window
}
