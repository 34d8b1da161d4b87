// Every device's marks file in a card folder, read once and merged: what
// `tidings marks FOLDER` prints, and what every device computes from the same files.
import { open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DeviceFileReader } from './device-file'
import { DEVICE_FILE, MARKS_DIR } from './folder-marks-sync'
import { MARK_FIELDS, parseMarkLine, type MarkField } from './mark-lines'
import { MergedMarks } from './merged-marks'

export interface FolderDevice {
  id: string
  name: string | null
  marks: number
  badLines: number
  lastMarkAt: number | null
}

export interface FieldWinner {
  value: boolean
  device: string
  at: number
}

export interface FolderCardMarks {
  id: string
  read?: FieldWinner
  starred?: FieldWinner
}

export interface FolderMarks {
  dir: string
  devices: FolderDevice[]
  cards: FolderCardMarks[]
}

/** Reads .tidings/marks/ of `folder`; a folder without one has no devices and no marks. */
export async function readFolderMarks(folder: string): Promise<FolderMarks> {
  const dir = join(folder, MARKS_DIR)
  let names: string[]
  try {
    names = (await readdir(dir)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { dir, devices: [], cards: [] }
    throw error
  }
  const merged = new MergedMarks()
  const devices: FolderDevice[] = []
  for (const name of names) {
    const id = DEVICE_FILE.exec(name)?.[1]
    if (id === undefined) continue
    const reader = new DeviceFileReader(join(dir, name), id)
    for (const mark of (await reader.readNew()).marks) merged.apply(mark)
    devices.push({ id, name: reader.name, marks: reader.markLines, badLines: reader.badLines + (reader.endsMidLine ? 1 : 0), lastMarkAt: reader.lastMarkAt })
  }
  const cards = [...merged.entries()]
    .map(([id, fields]) => {
      const card: FolderCardMarks = { id }
      for (const field of MARK_FIELDS) {
        const state = fields[field]
        if (state) card[field as MarkField] = { value: state.value, device: state.stamp.d, at: state.stamp.t }
      }
      return card
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { dir, devices, cards }
}

/** The devices sharing marks in a folder, by their files' first lines only (cheap enough to ask while the setting is off). */
export async function peekDevices(folder: string): Promise<Array<{ id: string; name: string }>> {
  const dir = join(folder, MARKS_DIR)
  const names = await readdir(dir).catch(() => [] as string[])
  const devices: Array<{ id: string; name: string }> = []
  for (const fileName of names.sort()) {
    const id = DEVICE_FILE.exec(fileName)?.[1]
    if (id === undefined) continue
    let first = ''
    const handle = await open(join(dir, fileName), 'r').catch(() => null)
    if (handle) {
      const buffer = Buffer.alloc(512)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0).catch(() => ({ bytesRead: 0 }))
      await handle.close()
      first = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]
    }
    const line = parseMarkLine(first, id)
    devices.push({ id, name: line.kind === 'name' ? line.name : id })
  }
  return devices
}
