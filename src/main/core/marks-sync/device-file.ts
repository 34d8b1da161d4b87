// Reads one device's marks file a little at a time: each call reads only the
// bytes appended since the last one. A file that shrank or was replaced (the
// device compacted it, or a sync tool put down a fresh copy) is read again from
// its start; merging is idempotent, so marks read twice change nothing.
import { open } from 'node:fs/promises'
import { LineSplitter, parseMarkLine, type FieldMark } from './mark-lines'

export interface DeviceFileRead {
  marks: FieldMark[]
  /** True when the file was replaced since the last read and read again from its start. */
  replaced: boolean
}

export class DeviceFileReader {
  private offset = 0
  private inode = -1
  private readonly splitter = new LineSplitter()
  /** Lines that were not whole, well-formed marks (a torn line, a half-synced copy), since the file was last replaced. */
  badLines = 0
  markLines = 0
  name: string | null = null
  lastMarkAt: number | null = null

  constructor(
    readonly path: string,
    readonly device: string
  ) {}

  /** Bytes read so far. */
  get size(): number {
    return this.offset
  }

  /** Whether the file ends in the middle of a line (held back until the rest arrives). */
  get endsMidLine(): boolean {
    return this.splitter.pendingBytes > 0
  }

  async readNew(): Promise<DeviceFileRead> {
    let handle
    try {
      handle = await open(this.path, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { marks: [], replaced: false }
      throw error
    }
    try {
      const info = await handle.stat()
      let replaced = false
      if (info.ino !== this.inode || info.size < this.offset) {
        replaced = this.inode !== -1
        this.inode = info.ino
        this.offset = 0
        this.badLines = 0
        this.markLines = 0
        this.splitter.reset()
      }
      if (info.size <= this.offset) return { marks: [], replaced }
      const buffer = Buffer.alloc(info.size - this.offset)
      let filled = 0
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, this.offset + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      this.offset += filled
      return { marks: this.take(this.splitter.push(buffer.subarray(0, filled))), replaced }
    } finally {
      await handle.close()
    }
  }

  private take(lines: Array<string | null>): FieldMark[] {
    const marks: FieldMark[] = []
    for (const text of lines) {
      if (text === '') continue
      const line = text === null ? ({ kind: 'bad' } as const) : parseMarkLine(text, this.device)
      if (line.kind === 'bad') this.badLines++
      else if (line.kind === 'name') this.name = line.name
      else {
        this.markLines++
        this.lastMarkAt = Math.max(this.lastMarkAt ?? 0, line.mark.stamp.t)
        marks.push(line.mark)
      }
    }
    return marks
  }
}
