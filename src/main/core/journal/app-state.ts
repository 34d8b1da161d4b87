// Main's own small state in <dataDir>/state.json: the recent folders, the last
// one opened, and the main-side settings. Written whole, atomically.
import { mkdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { MainSettings, RecentFolder } from '../../../shared/contract'
import { writeFileAtomic } from './atomic-write'
import { SerialQueue } from '../../../shared/serial-queue'

export const STATE_FILE_NAME = 'state.json'
export const MAX_RECENT_FOLDERS = 10
export const DEFAULT_SETTINGS: MainSettings = { imageCacheLimitBytes: 2 * 1024 ** 3, allowPrivateImages: false }

export interface AppState {
  lastFolder: string | null
  recentFolders: RecentFolder[]
  settings: MainSettings
}

const defaultState = (): AppState => ({ lastFolder: null, recentFolders: [], settings: { ...DEFAULT_SETTINGS } })

function isRecentFolder(value: unknown): value is RecentFolder {
  const folder = value as Partial<RecentFolder> | null
  return typeof folder?.folder === 'string' && typeof folder.name === 'string' && typeof folder.openedAt === 'number'
}

/** Reads what it can of a state file; anything missing or malformed falls back to the default. */
export function parseAppState(text: string): AppState {
  const state = defaultState()
  let raw: Partial<Record<keyof AppState, unknown>>
  try {
    raw = JSON.parse(text)
  } catch {
    return state
  }
  if (typeof raw !== 'object' || raw === null) return state
  if (typeof raw.lastFolder === 'string') state.lastFolder = raw.lastFolder
  if (Array.isArray(raw.recentFolders)) state.recentFolders = raw.recentFolders.filter(isRecentFolder).slice(0, MAX_RECENT_FOLDERS)
  const settings = raw.settings as Partial<MainSettings> | undefined
  if (isValidCacheLimit(settings?.imageCacheLimitBytes)) state.settings.imageCacheLimitBytes = settings.imageCacheLimitBytes
  // Only a literal true opens private networks to card images.
  state.settings.allowPrivateImages = settings?.allowPrivateImages === true
  return state
}

export function isValidCacheLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** The state after opening `folder`: it becomes the last folder and moves to the top of the recents. */
export function withFolderOpened(state: AppState, folder: string, now = Date.now()): AppState {
  const recent: RecentFolder = { folder, name: basename(folder) || folder, openedAt: now }
  return {
    ...state,
    lastFolder: folder,
    recentFolders: [recent, ...state.recentFolders.filter((known) => known.folder !== folder)].slice(0, MAX_RECENT_FOLDERS)
  }
}

export class AppStateStore {
  private state: AppState
  private readonly writes = new SerialQueue()

  private constructor(
    readonly path: string,
    state: AppState
  ) {
    this.state = state
  }

  static async open(dataDir: string): Promise<AppStateStore> {
    await mkdir(dataDir, { recursive: true })
    const path = join(dataDir, STATE_FILE_NAME)
    const text = await readFile(path, 'utf8').catch(() => '')
    return new AppStateStore(path, text ? parseAppState(text) : defaultState())
  }

  get(): AppState {
    return this.state
  }

  /** Applies a change and writes the file; writes go out in order. */
  update(change: (state: AppState) => AppState): Promise<AppState> {
    this.state = change(this.state)
    const snapshot = JSON.stringify(this.state, null, 2)
    return this.writes.run(() => writeFileAtomic(this.path, snapshot)).then(() => this.state)
  }
}
