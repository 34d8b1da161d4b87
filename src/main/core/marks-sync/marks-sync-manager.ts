// Runs the shared-marks session of the open folder when its setting is on, and
// answers the contract's getMarksSync / setMarksSync.
import type { Mark, MarksSyncStatus, TidingsEvent } from '../../../shared/contract'
import { cleanDeviceName, loadDeviceSettings, saveDeviceSettings, type DeviceSettings } from './device-settings'
import { FolderMarksSync, type FolderMarksSyncOptions } from './folder-marks-sync'
import { peekDevices } from './read-folder-marks'
import { SerialQueue } from '../../../shared/serial-queue'

export interface MarksSyncManagerOptions {
  dataDir: string
  emit(event: TidingsEvent): void
  /** The journal's marks. */
  loadLocal(): Promise<Mark[]>
  /** Puts marks that came through the folder into the journal. */
  takeRemote(marks: Mark[]): Promise<void>
  /** The ids of the folder's cards, once a sync has read them; null before. */
  cardIds(folder: string): ReadonlySet<string> | null
  session?: Partial<Pick<FolderMarksSyncOptions, 'pollMs' | 'compactOverBytes' | 'wallTime'>>
}

export interface MarksSyncManager {
  /** The folder now open; its session starts when its setting is on and the folder is there (the previous one stops). */
  activate(folder: string, available: boolean): Promise<void>
  /** After a sync: the journal's marks on the folder's cards that the folder lacks are shared. */
  folderSynced(folder: string): Promise<void>
  /** Marks the journal just took from the window. */
  recordLocal(marks: readonly Mark[]): Promise<void>
  status(folder: string): Promise<MarksSyncStatus>
  configure(req: { folder: string; enabled?: boolean; deviceName?: string }): Promise<MarksSyncStatus>
  close(): Promise<void>
}

export function createMarksSyncManager(options: MarksSyncManagerOptions): MarksSyncManager {
  let settings: Promise<DeviceSettings> | null = null
  const loadSettings = (): Promise<DeviceSettings> => (settings ??= loadDeviceSettings(options.dataDir))
  let activeFolder: string | null = null
  let session: FolderMarksSync | null = null
  let lastSent = ''
  const queue = new SerialQueue()

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    return queue.run(task)
  }

  const describe = (current: DeviceSettings, folder: string): MarksSyncStatus => {
    const live = session && activeFolder === folder ? session : null
    const bad = live?.badLines() ?? 0
    return {
      folder,
      enabled: current.folders.includes(folder),
      deviceId: current.deviceId,
      deviceName: current.deviceName,
      devices: live?.devices() ?? [],
      warning: bad === 0 ? null : `Skipped ${bad} damaged ${bad === 1 ? 'line' : 'lines'} in other devices' marks files (torn or still syncing); the rest were read.`,
      error: live?.writeError ?? live?.readError ?? null
    }
  }

  const announce = async (): Promise<void> => {
    if (activeFolder === null) return
    const status = describe(await loadSettings(), activeFolder)
    const text = JSON.stringify(status)
    if (text === lastSent) return
    lastSent = text
    options.emit({ type: 'marks-sync-status', status })
  }

  const startSession = async (folder: string): Promise<void> => {
    const current = await loadSettings()
    const next = new FolderMarksSync({
      ...options.session,
      folder,
      deviceId: current.deviceId,
      deviceName: current.deviceName,
      localMarks: await options.loadLocal(),
      onMarks: async (marks) => {
        await options.takeRemote(marks)
        options.emit({ type: 'marks', marks })
      },
      onStatusChange: () => void announce()
    })
    session = next
    await next.start()
    const ids = options.cardIds(folder)
    if (ids) await next.seed(ids)
  }

  const stopSession = async (): Promise<void> => {
    const stopping = session
    session = null
    await stopping?.close()
  }

  return {
    activate: (folder, available) =>
      run(async () => {
        if (activeFolder === folder && session && available) return
        await stopSession()
        activeFolder = folder
        // Shared marks never stop a folder from opening: a failure is logged, and the journal keeps every mark.
        if (available && (await loadSettings()).folders.includes(folder)) await startSession(folder).catch((error: unknown) => console.error('tidings: shared marks could not start:', error))
        await announce()
      }),
    folderSynced: (folder) =>
      run(async () => {
        const ids = session && activeFolder === folder ? options.cardIds(folder) : null
        if (ids) await session?.seed(ids)
      }),
    recordLocal: async (marks) => {
      await queue.idle()
      await session?.recordLocal(marks)
    },
    status: async (folder) => {
      await queue.idle()
      const current = await loadSettings()
      const status = describe(current, folder)
      if (status.enabled) return status
      // Off: still say who shares marks here, so the user knows turning it on has something to bring.
      const others = (await peekDevices(folder)).filter((device) => device.id !== current.deviceId)
      return { ...status, devices: others.map((device) => ({ ...device, marks: 0, lastMarkAt: null, thisDevice: false })) }
    },
    configure: (req) =>
      run(async () => {
        const current = await loadSettings()
        const folder = req.folder
        const name = req.deviceName === undefined ? current.deviceName : cleanDeviceName(String(req.deviceName))
        if (name === '') throw new Error('The device name cannot be empty')
        const enabled = req.enabled ?? current.folders.includes(folder)
        const next: DeviceSettings = { ...current, deviceName: name, folders: [...current.folders.filter((known) => known !== folder), ...(enabled ? [folder] : [])] }
        await saveDeviceSettings(options.dataDir, next)
        settings = Promise.resolve(next)
        if (activeFolder === folder && !enabled) await stopSession()
        if (activeFolder === folder && enabled && !session) await startSession(folder)
        if (session && name !== current.deviceName) {
          session.setDeviceName(name)
          await session.rename(name)
        }
        await announce()
        return describe(next, folder)
      }),
    close: async () => {
      await queue.idle()
      await stopSession()
    }
  }
}
