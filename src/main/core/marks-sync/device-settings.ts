// <dataDir>/marks-sync.json: this data folder's device id (random, made once), the
// device name the user sees and may edit, and the card folders whose marks travel
// with them. Written whole, atomically.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../journal/atomic-write'

export const DEVICE_SETTINGS_FILE = 'marks-sync.json'
export const MAX_DEVICE_NAME = 60

export interface DeviceSettings {
  deviceId: string
  deviceName: string
  /** Folders with "Keep read marks with the folder" on. */
  folders: string[]
}

const DEVICE_ID = /^[a-f0-9]{16}$/

export function cleanDeviceName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_DEVICE_NAME)
}

export async function loadDeviceSettings(dataDir: string): Promise<DeviceSettings> {
  const path = join(dataDir, DEVICE_SETTINGS_FILE)
  let raw: Partial<Record<keyof DeviceSettings, unknown>> = {}
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) ?? {}
  } catch {
    // Missing or damaged: a new identity (another device file appears in shared folders; no mark is lost).
  }
  const settings: DeviceSettings = {
    deviceId: typeof raw.deviceId === 'string' && DEVICE_ID.test(raw.deviceId) ? raw.deviceId : randomBytes(8).toString('hex'),
    deviceName: typeof raw.deviceName === 'string' && cleanDeviceName(raw.deviceName) !== '' ? cleanDeviceName(raw.deviceName) : cleanDeviceName(hostname()) || 'This computer',
    folders: Array.isArray(raw.folders) ? raw.folders.filter((folder): folder is string => typeof folder === 'string') : []
  }
  if (settings.deviceId !== raw.deviceId) await saveDeviceSettings(dataDir, settings)
  return settings
}

export async function saveDeviceSettings(dataDir: string, settings: DeviceSettings): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  await writeFileAtomic(join(dataDir, DEVICE_SETTINGS_FILE), JSON.stringify(settings, null, 2))
}
