// A stand-in for the `electron` module, so the main process's wiring runs in
// Node under vitest (Electron's runtime cannot run here). It records what the
// shell registers and lets a test play the renderer's part.
import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'

type Handler = (...args: unknown[]) => unknown

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly mainFrame: FakeFrame = { url: '', parent: null }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  /** Fires a cancellable event the way Chromium does; true when the shell prevented it. */
  attempt(event: string, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

export function createFakeElectron(options: { lockGranted?: boolean } = {}) {
  const appEvents = new EventEmitter()
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))

  const state = {
    isReady: false,
    name: '',
    paths: new Map<string, string>(),
    privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    privilegedAfterReady: false,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Handler>(),
    sandboxEnabled: false,
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    devicePermission: null as Handler | null,
    openedExternally: [] as string[],
    dialogAnswer: { canceled: true, filePaths: [] as string[] },
    dialogCalls: 0,
    menuTemplate: null as unknown,
    quits: 0,
    windows: [] as FakeBrowserWindow[]
  }

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents()
    loadedUrl = ''
    shown = false
    destroyed = false
    constructor(readonly options: Record<string, unknown>) {
      super()
      state.windows.push(this)
      appEvents.emit('web-contents-created', {}, this.webContents)
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return state.windows.filter((window) => !window.destroyed)
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url
      this.webContents.mainFrame.url = url
      this.emit('ready-to-show')
    }
    show(): void {
      this.shown = true
    }
    focused = 0
    focus(): void {
      this.focused++
    }
    restore(): void {}
    maximize(): void {}
    isMinimized(): boolean {
      return false
    }
    isMaximized(): boolean {
      return false
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 }
    }
  }

  // Electron refuses these before 'ready'; so does the fake, to catch a wrong order.
  const afterReady = (api: string): void => {
    if (!state.isReady) throw new Error(`${api} cannot be used before the app is ready`)
  }
  const defaultSession = {
    setPermissionRequestHandler: (handler: Handler) => (state.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (state.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Handler) => (state.devicePermission = handler)
  }

  const typeByExtension: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' }

  const electron = {
    app: {
      isPackaged: false,
      setName: (name: string) => (state.name = name),
      setPath: (name: string, value: string) => {
        if (!isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`)
        state.paths.set(name, value)
      },
      getPath: (name: string) => state.paths.get(name) ?? `/fake/${name}`,
      getVersion: () => '0.0.0-test',
      getAppPath: () => process.cwd(),
      requestSingleInstanceLock: () => options.lockGranted ?? true,
      quit: () => void state.quits++,
      enableSandbox: () => {
        if (state.isReady) throw new Error('app.enableSandbox() can only be called before app is ready')
        state.sandboxEnabled = true
      },
      whenReady: () => ready,
      on: (event: string, listener: Handler) => appEvents.on(event, listener)
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof state.privileged) => {
        if (state.isReady) state.privilegedAfterReady = true
        state.privileged.push(...schemes)
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        afterReady('protocol.handle')
        state.protocolHandlers.set(scheme, handler)
      }
    },
    net: {
      // Like Chromium's file loader: the type from the extension, a rejection for a missing file.
      fetch: async (url: string) => {
        const path = fileURLToPath(url)
        const body = await readFile(path)
        return new Response(body, { headers: { 'Content-Type': typeByExtension[extname(path)] ?? 'application/octet-stream' } })
      }
    },
    session: {
      get defaultSession() {
        afterReady('session.defaultSession')
        return defaultSession
      }
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        state.ipcHandlers.set(channel, handler)
      }
    },
    shell: { openExternal: async (url: string) => void state.openedExternally.push(url) },
    dialog: {
      showOpenDialog: async () => {
        state.dialogCalls++
        return state.dialogAnswer
      }
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown }) => (state.menuTemplate = menu.template)
    },
    screen: {
      getAllDisplays: () => {
        afterReady('screen')
        return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]
      }
    },
    nativeTheme: { shouldUseDarkColors: false },
    BrowserWindow: FakeBrowserWindow
  }

  return {
    electron,
    state,
    appEvents,
    /** Electron's 'ready'. */
    becomeReady(): void {
      state.isReady = true
      markReady()
    },
    /** Invokes a contract call the way ipcRenderer.invoke would, from the given frame. */
    invoke(channel: string, request: unknown, frame: FakeFrame | null): Promise<unknown> {
      const handler = state.ipcHandlers.get(channel)
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`))
      return Promise.resolve().then(() => handler({ senderFrame: frame }, request))
    },
    request(url: string, method = 'GET'): Promise<Response> {
      const scheme = url.slice(0, url.indexOf(':'))
      const handler = state.protocolHandlers.get(scheme)
      if (!handler) throw new Error(`No protocol handler for ${scheme}`)
      return handler(new Request(url, { method }))
    }
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

// Kept on globalThis: vi.resetModules() gives each import of this file its own module state.
const ACTIVE = Symbol.for('tidings.fake-electron')
const holder = globalThis as typeof globalThis & { [ACTIVE]?: FakeElectron }

/** Makes a fresh fake the one `vi.mock('electron', ...)` hands out; import the main process after this. */
export function installFakeElectron(options: { lockGranted?: boolean } = {}): FakeElectron {
  holder[ACTIVE] = createFakeElectron(options)
  return holder[ACTIVE]
}

export function activeFakeElectron(): FakeElectron {
  const active = holder[ACTIVE]
  if (!active) throw new Error('installFakeElectron() first')
  return active
}

/**
 * What `vi.mock('electron', ...)` returns. Vitest keeps a mocked module across
 * vi.resetModules(), so each export forwards to whichever fake is installed now.
 */
export function delegatingElectronModule(): Record<string, unknown> {
  const current = () => activeFakeElectron().electron as unknown as Record<string, Record<PropertyKey, unknown>>
  const forward = (name: string) =>
    new Proxy(function fakeExport() {}, {
      get: (_target, property) => current()[name][property],
      construct: (_target, args) => new (current()[name] as unknown as new (...args: unknown[]) => object)(...args)
    })
  return Object.fromEntries(Object.keys(createFakeElectron().electron).map((name) => [name, forward(name)]))
}
