// One card folder's shared marks, while the folder is open with the setting on:
// this device's file is written, every other device's file is read as it grows,
// and whatever the folder changes is handed to the local journal and the window.
import { watch, type FSWatcher } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Mark, MarksSyncDevice } from '../../../shared/contract'
import { DeviceFileReader } from './device-file'
import { HybridClock } from './hlc'
import { MARK_FIELDS, type FieldMark } from './mark-lines'
import { MergedMarks, overlay, sameMark, unsharedFields } from './merged-marks'
import { OwnMarksFile } from './own-marks-file'
import { SerialQueue } from '../../../shared/serial-queue'

export const MARKS_DIR = join('.tidings', 'marks')
export const DEVICE_FILE = /^([A-Za-z0-9_-]{1,64})\.jsonl$/
/** Own file size past which it is compacted (about 6,000 mark lines of some 80 bytes). */
export const DEFAULT_COMPACT_OVER_BYTES = 512 * 1024

export interface FolderMarksSyncOptions {
  folder: string
  deviceId: string
  deviceName: string
  /** The local journal's marks when the folder is opened: its source of truth. */
  localMarks: readonly Mark[]
  /** Marks the folder changed (other devices' marks, merged); they go to the journal and the window. */
  onMarks(marks: Mark[]): Promise<void>
  /** Called when the devices, warning or error change. */
  onStatusChange(): void
  pollMs?: number
  compactOverBytes?: number
  wallTime?: () => number
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export class FolderMarksSync {
  readonly dir: string
  private readonly clock: HybridClock
  private readonly merged = new MergedMarks()
  private readonly local = new Map<string, Mark>()
  private readonly own: OwnMarksFile
  private readonly readers = new Map<string, DeviceFileReader>()
  /** Marks stamped here that the folder has not taken yet (a read-only folder, a failed write). */
  private unwritten: FieldMark[] = []
  private ownMarks = 0
  private ownLastAt: number | null = null
  private readonly queue = new SerialQueue((error) => console.error('tidings: shared marks:', error))
  private timer: ReturnType<typeof setInterval> | null = null
  private watcher: FSWatcher | null = null
  private soon: ReturnType<typeof setTimeout> | null = null
  private closed = false
  writeError: string | null = null
  readError: string | null = null

  constructor(private readonly options: FolderMarksSyncOptions) {
    this.dir = join(options.folder, MARKS_DIR)
    this.clock = new HybridClock(options.deviceId, options.wallTime)
    this.own = new OwnMarksFile(join(this.dir, `${options.deviceId}.jsonl`), options.deviceId, options.deviceName, options.compactOverBytes ?? DEFAULT_COMPACT_OVER_BYTES)
    for (const mark of options.localMarks) this.local.set(mark.id, mark)
  }

  /** Reads every device's file and starts following the others. */
  start(): Promise<void> {
    return this.run(async () => {
      for (const mark of await this.own.load().catch(() => [])) this.take(mark, true)
      await this.readOthers()
      // Written even when there is nothing to share yet: the name line tells other devices this one shares.
      await this.write([], true)
      await this.deliver([...this.merged.entries()].map(([id]) => id))
      // Polling is the floor (watches miss changes on network and some synced drives); a watch makes it quick.
      this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 400)
      this.timer.unref?.()
      this.watchDir()
    })
  }

  /**
   * Shares the journal's marks on this folder's cards that the folder does not have yet: marks made
   * before the setting was on, while it was off, or while the folder could not be written. Marks on
   * other folders' cards stay out of this folder. Repeating it adds nothing.
   */
  seed(cardIds: ReadonlySet<string>): Promise<void> {
    return this.run(async () => {
      const seeded: FieldMark[] = []
      for (const mark of this.local.values()) {
        if (!cardIds.has(mark.id)) continue
        for (const field of unsharedFields(mark, this.merged.fields(mark.id))) {
          const setAt = field === 'read' ? mark.readAt : mark.starredAt
          // The mark keeps the time it was made, which beats the folder's older word on the field.
          const stamped: FieldMark = { id: mark.id, field, value: mark[field], stamp: { t: mark[field] ? (setAt ?? mark.updatedAt) : mark.updatedAt, c: 0, d: this.options.deviceId } }
          this.take(stamped, true)
          seeded.push(stamped)
        }
      }
      await this.write(seeded)
      await this.deliver(seeded.map((mark) => mark.id))
    })
  }

  /** Marks the journal took from this device's window: the fields they change go to this device's file. */
  recordLocal(marks: readonly Mark[]): Promise<void> {
    return this.run(async () => {
      const stamped: FieldMark[] = []
      for (const mark of marks) {
        const before = this.local.get(mark.id)
        this.local.set(mark.id, mark)
        for (const field of MARK_FIELDS) {
          // Only a field this mark changed: the other one may be a value the window had not yet caught up on.
          if ((before?.[field] ?? false) === mark[field]) continue
          if ((this.merged.fields(mark.id)?.[field]?.value ?? false) === mark[field]) continue
          const fieldMark: FieldMark = { id: mark.id, field, value: mark[field], stamp: this.clock.now(mark.updatedAt) }
          this.take(fieldMark, true)
          stamped.push(fieldMark)
        }
      }
      await this.write(stamped)
      await this.deliver(marks.map((mark) => mark.id))
    })
  }

  /** Reads what other devices appended, and retries a write that failed. */
  poll(): Promise<void> {
    return this.run(async () => {
      const changed = await this.readOthers()
      if (this.unwritten.length > 0) await this.write([])
      await this.deliver(changed)
    })
  }

  rename(name: string): Promise<void> {
    return this.run(async () => {
      try {
        await this.own.rename(name)
        this.writeError = null
      } catch (error) {
        this.writeError = this.describeWriteFailure(error)
      }
      this.options.onStatusChange()
    })
  }

  devices(): MarksSyncDevice[] {
    const others = [...this.readers.values()].map((reader) => ({ id: reader.device, name: reader.name ?? reader.device, marks: reader.markLines, lastMarkAt: reader.lastMarkAt, thisDevice: false }))
    const own = { id: this.options.deviceId, name: this.options.deviceName, marks: this.ownMarks, lastMarkAt: this.ownLastAt, thisDevice: true }
    return [own, ...others.sort((a, b) => a.name.localeCompare(b.name))]
  }

  badLines(): number {
    let count = 0
    for (const reader of this.readers.values()) count += reader.badLines
    return count
  }

  setDeviceName(name: string): void {
    this.options.deviceName = name
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    if (this.soon) clearTimeout(this.soon)
    this.watcher?.close()
    await this.queue.idle()
  }

  private watchDir(): void {
    try {
      this.watcher = watch(this.dir, { persistent: false }, () => {
        this.soon ??= setTimeout(() => {
          this.soon = null
          void this.poll()
        }, 30)
      })
      this.watcher.on('error', () => this.watcher?.close())
    } catch {
      // No marks folder (a read-only card folder): the poll still reads it once it appears.
    }
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(() => (this.closed ? (undefined as T) : task()))
  }

  private take(mark: FieldMark, mine: boolean): boolean {
    this.clock.observe(mark.stamp)
    if (mine) {
      this.ownMarks++
      this.ownLastAt = Math.max(this.ownLastAt ?? 0, mark.stamp.t)
    }
    return this.merged.apply(mark)
  }

  /** Reads every other device's new lines; returns the ids whose merged state changed. */
  private async readOthers(): Promise<string[]> {
    const changed = new Set<string>()
    let names: string[]
    try {
      names = await readdir(this.dir)
      this.readError = null
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      this.readError = code === 'ENOENT' ? null : `Cannot read the shared marks in ${this.dir}: ${messageOf(error)}`
      return []
    }
    const before = this.badLines()
    const deviceCount = this.readers.size
    for (const name of names) {
      const device = DEVICE_FILE.exec(name)?.[1]
      if (device === undefined || device === this.options.deviceId) continue
      let reader = this.readers.get(device)
      if (!reader) {
        reader = new DeviceFileReader(join(this.dir, name), device)
        this.readers.set(device, reader)
      }
      const nameBefore = reader.name
      try {
        const { marks } = await reader.readNew()
        for (const mark of marks) if (this.take(mark, false)) changed.add(mark.id)
      } catch (error) {
        this.readError = `Cannot read ${reader.path}: ${messageOf(error)}`
      }
      if (reader.name !== nameBefore) this.options.onStatusChange()
    }
    if (changed.size > 0 || this.badLines() !== before || this.readers.size !== deviceCount) this.options.onStatusChange()
    return [...changed]
  }

  /** Hands the journal and the window every listed card whose merged mark differs from the local one. */
  private async deliver(ids: Iterable<string>): Promise<void> {
    const changed: Mark[] = []
    for (const id of new Set(ids)) {
      const card = this.merged.fields(id)
      if (!card) continue
      const local = this.local.get(id)
      const next = overlay(local, id, card)
      if (local && sameMark(local, next)) continue
      if (!local && !next.read && !next.starred) continue
      this.local.set(id, next)
      changed.push(next)
    }
    if (changed.length > 0) await this.options.onMarks(changed)
  }

  private async write(marks: FieldMark[], evenIfEmpty = false): Promise<void> {
    const pending = [...this.unwritten, ...marks]
    if (pending.length === 0 && !evenIfEmpty) return
    const hadError = this.writeError
    try {
      await this.own.append(pending)
      this.unwritten = []
      this.writeError = null
    } catch (error) {
      this.unwritten = pending
      this.writeError = this.describeWriteFailure(error)
    }
    if (hadError !== this.writeError) this.options.onStatusChange()
    else if (marks.length > 0) this.options.onStatusChange()
  }

  private describeWriteFailure(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'the folder is read-only' : messageOf(error)
    return `Cannot write this device's marks to ${this.own.path} (${why}). They are kept in this device's journal and shared once the folder can be written.`
  }
}
