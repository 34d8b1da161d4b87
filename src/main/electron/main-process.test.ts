// The main process's wiring, run in Node with a fake `electron` module (the
// real runtime cannot start here) and the real core, image cache, files and
// HTTP server behind it.
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CALL_NAMES, EVENT_CHANNEL, callChannel, type AppInfo, type ImageResolution } from '../../shared/contract'
import { APP_PROTOCOL_CSP } from '../core/security/csp'
import { installFakeElectron, type FakeElectron } from './testing/fake-electron'

const dirs = vi.hoisted(() => ({ renderer: '', sample: '' }))
vi.mock('electron', async () => (await import('./testing/fake-electron')).delegatingElectronModule())
vi.mock('./paths', () => ({
  rendererRoot: () => dirs.renderer,
  preloadPath: () => '/app/out/preload/index.cjs',
  sampleFolder: () => dirs.sample,
  devServerUrl: () => null
}))

const APP_FRAME = { url: 'app://tidings/index.html', parent: null }
const ICON = readFileSync(new URL('../../../resources/icon.png', import.meta.url))

let base: string
let dataDir: string
let server: Server
let imageUrl: string

async function startMainProcess(options: { lockGranted?: boolean } = {}): Promise<FakeElectron> {
  vi.resetModules()
  const fake = installFakeElectron(options)
  await import('./index')
  return fake
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tidings-main-'))
  dataDir = join(base, 'data')
  dirs.renderer = join(base, 'renderer')
  dirs.sample = join(base, 'sample-cards')
  await mkdir(join(dirs.renderer, 'assets'), { recursive: true })
  await mkdir(dirs.sample)
  await writeFile(join(dirs.renderer, 'index.html'), '<!doctype html><title>Tidings</title>')
  await writeFile(join(dirs.renderer, 'assets', 'app.js'), 'console.log("renderer")')
  await writeFile(join(base, 'secret.txt'), 'outside the renderer build')
  await symlink(join(base, 'secret.txt'), join(dirs.renderer, 'assets', 'leak.txt'))
  process.env.TIDINGS_DATA_DIR = dataDir
  // The image server below is on 127.0.0.1: the user's explicit setting lets the image cache use it.
  await mkdir(dataDir)
  await writeFile(join(dataDir, 'state.json'), JSON.stringify({ settings: { allowPrivateImages: true } }))

  server = createServer((request, response) => {
    if (request.url === '/pic.png') response.writeHead(200, { 'Content-Type': 'image/png' }).end(ICON)
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pic.png`
})

afterAll(async () => {
  delete process.env.TIDINGS_DATA_DIR
  await new Promise((resolve) => server.close(resolve))
  await rm(base, { recursive: true, force: true })
})

describe('the Electron main process', () => {
  let fake: FakeElectron
  const call = (name: (typeof CALL_NAMES)[number], request?: unknown, frame: { url: string; parent: unknown } | null = APP_FRAME) =>
    fake.invoke(callChannel(name), request, frame as never)

  beforeAll(async () => {
    fake = await startMainProcess()
  })
  afterAll(async () => {
    // Quitting closes the core (watcher, journal, image cache).
    fake.appEvents.emit('will-quit', { preventDefault: () => {} })
    await vi.waitFor(() => expect(fake.state.quits).toBe(1))
  })

  it('before ready: privileges both schemes and moves its data into the data folder', () => {
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'tidings-image', privileges: { standard: true, secure: true } }
    ])
    expect(fake.state.paths.get('userData')).toBe(dataDir)
    expect(fake.state.sandboxEnabled).toBe(true)
    expect(fake.state.ipcHandlers.size).toBe(0)

    fake.becomeReady()
    expect(fake.state.privilegedAfterReady).toBe(false)
  })

  it('opens one sandboxed, isolated window on the app origin', async () => {
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1))
    const [window] = fake.state.windows
    expect(window.loadedUrl).toBe('app://tidings/index.html')
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false
    })
  })

  it('handles exactly the contract’s calls over IPC', () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort())
  })

  it('answers the app’s own main frame', async () => {
    const info = (await call('getAppInfo')) as AppInfo
    expect(info).toMatchObject({ host: 'electron', version: '0.0.0-test', initialFolder: dirs.sample })
  })

  it('refuses every call from a subframe, another origin or a vanished frame, before doing anything', async () => {
    const strangers = [{ url: 'app://tidings/index.html', parent: APP_FRAME }, { url: 'https://evil.example/', parent: null }, { url: 'file:///tmp/page.html', parent: null }, null]
    for (const frame of strangers) {
      await expect(call('openFolder', { folder: dirs.sample }, frame)).rejects.toThrow(/Refused openFolder/)
      await expect(call('getAppInfo', undefined, frame)).rejects.toThrow(/Refused getAppInfo/)
    }
    expect(((await call('getAppInfo')) as AppInfo).recentFolders).toEqual([])
  })

  it('serves the renderer build with its CSP, and nothing outside it', async () => {
    const page = await fake.request('app://tidings/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Tidings</title>')
    expect(page.headers.get('Content-Security-Policy')).toBe(APP_PROTOCOL_CSP)
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff')

    const script = await fake.request('app://tidings/assets/app.js')
    expect(script.headers.get('Content-Type')).toBe('text/javascript')

    expect((await fake.request('app://tidings/assets/missing.js')).status).toBe(404)
    expect((await fake.request('app://tidings/assets/leak.txt')).status).toBe(404)
    expect((await fake.request('app://tidings/%2e%2e/secret.txt')).status).toBe(404)
    expect((await fake.request('app://tidings/index.html', 'POST')).status).toBe(405)
  })

  it('serves a cached image by its hash with the sniffed type, and 404 for anything else', async () => {
    let resolution: ImageResolution | undefined
    await vi.waitFor(
      async () => {
        ;[resolution] = (await call('resolveImages', { urls: [imageUrl], priority: 'visible' })) as ImageResolution[]
        expect(resolution?.state).toBe('cached')
      },
      { timeout: 10_000, interval: 100 }
    )
    expect(resolution?.src).toMatch(/^tidings-image:\/\/img\/[0-9a-f]{64}$/)
    const image = await fake.request(resolution!.src!)
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/png')
    expect(image.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(Buffer.from(await image.arrayBuffer()).equals(ICON)).toBe(true)

    expect((await fake.request(`tidings-image://img/${'0'.repeat(64)}`)).status).toBe(404)
    expect((await fake.request('tidings-image://img/..%2f..%2fstate.json')).status).toBe(404)
    expect((await fake.request(`tidings-image://img/${resolution!.src!.slice(-64).toUpperCase()}`)).status).toBe(404)
  })

  it('blocks every navigation and redirect', () => {
    const contents = fake.state.windows[0].webContents
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.attempt('will-navigate', 'app://tidings/other.html')).toBe(true)
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.attempt('will-attach-webview', {}, {})).toBe(true)
  })

  it('denies new windows, sending only http(s) links to the system browser', () => {
    const open = fake.state.windows[0].webContents.windowOpenHandler!
    for (const url of ['https://news.example/story', 'javascript:alert(1)', 'file:///etc/passwd', 'JaVaScRiPt:alert(1)']) expect(open({ url })).toEqual({ action: 'deny' })
    expect(fake.state.openedExternally).toEqual(['https://news.example/story'])
  })

  it('opens links through the contract only when they are http(s)', async () => {
    await expect(call('openExternal', { url: 'data:text/html,<script>alert(1)</script>' })).resolves.toBe(false)
    await expect(call('openExternal', { url: 'https://other.example/' })).resolves.toBe(true)
    expect(fake.state.openedExternally).toContain('https://other.example/')
    expect(fake.state.openedExternally).not.toContain('data:text/html,<script>alert(1)</script>')
  })

  it('refuses a call with a malformed argument, naming the call and the problem', async () => {
    await expect(call('syncFolder', null)).rejects.toThrow('syncFolder: wants an object {folder, manifest}, got null')
    await expect(call('openExternal', { url: 7 })).rejects.toThrow('openExternal: url must be a non-empty string')
  })

  it('denies every permission', () => {
    const answers: boolean[] = []
    fake.state.permissionRequest!({}, 'media', (granted: boolean) => answers.push(granted), {})
    fake.state.permissionRequest!({}, 'notifications', (granted: boolean) => answers.push(granted), {})
    expect(answers).toEqual([false, false])
    expect(fake.state.permissionCheck!({}, 'clipboard-read', 'app://tidings', {})).toBe(false)
    expect(fake.state.devicePermission!({})).toBe(false)
  })

  it('chooses a folder with the native dialog', async () => {
    fake.state.dialogAnswer = { canceled: false, filePaths: ['/home/ana/cards'] }
    await expect(call('chooseFolder')).resolves.toBe('/home/ana/cards')
    fake.state.dialogAnswer = { canceled: true, filePaths: [] }
    await expect(call('chooseFolder')).resolves.toBeNull()
  })

  it('opens a folder dropped on the window through the same path as the dialog', async () => {
    const contents = fake.state.windows[0].webContents
    const dialogCalls = fake.state.dialogCalls
    contents.sent.length = 0
    expect(contents.attempt('will-navigate', 'file:///home/ana/dropped%20cards/')).toBe(true)
    expect(contents.sent).toEqual([{ channel: EVENT_CHANNEL, payload: { type: 'menu-command', command: 'open-folder' } }])
    await expect(call('chooseFolder')).resolves.toBe('/home/ana/dropped cards')
    expect(fake.state.dialogCalls).toBe(dialogCalls)
  })

  it('lists the reader’s shortcuts in the menu, and its items send menu commands', () => {
    type Item = { id?: string; label?: string; role?: string; submenu?: Item[]; click?: () => void }
    const template = fake.state.menuTemplate as Item[]
    const reader = template.find((item) => item.label === '&Reader')!
    expect(reader.submenu!.map((item) => item.label)).toEqual(['Next Card', 'Previous Card', 'Open Card', 'Open Original in Browser', 'Toggle Read', 'Toggle Star', 'Search', 'Clear Search and Filters'])
    const contents = fake.state.windows[0].webContents
    contents.sent.length = 0
    template.find((item) => item.label === '&File')!.submenu!.find((item) => item.id === 'open-folder')!.click!()
    reader.submenu![4].click!()
    expect(contents.sent.map((message) => message.payload)).toEqual([
      { type: 'menu-command', command: 'open-folder' },
      { type: 'menu-command', command: 'toggle-read' }
    ])
  })

  it('brings the window forward when Tidings is launched again', () => {
    const [window] = fake.state.windows
    const before = window.focused
    fake.appEvents.emit('second-instance')
    expect(window.focused).toBe(before + 1)
  })

  it('remembers the window’s size and position when it closes', async () => {
    fake.state.windows[0].emit('close')
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false })
  })

  it('opens a new window when launched again after its window was closed (macOS keeps running)', () => {
    const [window] = fake.state.windows
    window.destroyed = true
    window.emit('closed')
    fake.appEvents.emit('second-instance')
    expect(fake.state.windows).toHaveLength(2)
    expect(fake.state.windows[1].loadedUrl).toBe('app://tidings/index.html')
  })
})

describe('a second launch of the Electron main process', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = await startMainProcess({ lockGranted: false })
    expect(fake.state.quits).toBe(1)
    fake.becomeReady()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fake.state.windows).toHaveLength(0)
    expect(fake.state.ipcHandlers.size).toBe(0)
  })
})
