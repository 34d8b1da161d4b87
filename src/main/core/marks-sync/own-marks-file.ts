// This device's own marks file in the card folder. Only this device ever writes it,
// so a sync tool never sees two writers and never makes a conflict copy of it.
// Appends go to the end; past a size limit the file is rewritten with only each
// field's latest line, through a temp file renamed over it (readers see the old
// file or the new one, never half of one).
import { mkdir, open, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { writeFileAtomic } from '../journal/atomic-write'
import { DeviceFileReader } from './device-file'
import { markLine, nameLine, type FieldMark } from './mark-lines'

/** .tidings/marks/ made one level at a time: never the card folder itself, which may have been unplugged. */
async function makeMarksDir(dir: string): Promise<void> {
  for (const level of [dirname(dir), dir]) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
  }
}

const keyOf = (mark: FieldMark): string => `${mark.field}\u0000${mark.id}`

export class OwnMarksFile {
  private readonly latest = new Map<string, FieldMark>()
  private lines = 0
  private bytes = 0
  private endsMidLine = false
  private writtenName: string | null = null

  constructor(
    readonly path: string,
    readonly device: string,
    private name: string,
    /** Rewrite the file once it is over this many bytes and most of its lines are superseded. */
    private readonly compactOverBytes: number
  ) {}

  /** What this device wrote in an earlier session. A missing file is an empty one. */
  async load(): Promise<FieldMark[]> {
    const reader = new DeviceFileReader(this.path, this.device)
    const { marks } = await reader.readNew()
    for (const mark of marks) this.remember(mark)
    this.lines = reader.markLines
    this.bytes = reader.size
    this.endsMidLine = reader.endsMidLine
    this.writtenName = reader.name
    return marks
  }

  /** Appends the marks (and this device's name when it changed); compacts when the file has grown past the limit. */
  async append(marks: readonly FieldMark[]): Promise<void> {
    // Deleted meanwhile (someone cleaned up .tidings/): start the file afresh, name line first.
    if (this.bytes > 0 && (await stat(this.path).catch(() => null)) === null) {
      this.bytes = 0
      this.lines = 0
      this.endsMidLine = false
      this.writtenName = null
    }
    const lines: string[] = []
    if (this.writtenName !== this.name) lines.push(nameLine(this.device, this.name))
    for (const mark of marks) lines.push(markLine(mark))
    if (lines.length === 0) return
    await makeMarksDir(dirname(this.path))
    const text = (this.endsMidLine ? '\n' : '') + lines.join('\n') + '\n'
    const handle = await open(this.path, 'a')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.datasync()
    } finally {
      await handle.close()
    }
    this.endsMidLine = false
    this.writtenName = this.name
    this.bytes += Buffer.byteLength(text)
    this.lines += marks.length
    for (const mark of marks) this.remember(mark)
    if (this.bytes > this.compactOverBytes && this.lines >= 2 * this.latest.size) await this.compact()
  }

  async rename(name: string): Promise<void> {
    this.name = name
    await this.append([])
  }

  /** Rewrites the file with the name and each field's latest mark, atomically. */
  async compact(): Promise<void> {
    const lines = [nameLine(this.device, this.name), ...[...this.latest.values()].map(markLine)]
    const text = lines.join('\n') + '\n'
    await writeFileAtomic(this.path, text)
    this.lines = this.latest.size
    this.bytes = (await stat(this.path)).size
    this.endsMidLine = false
    this.writtenName = this.name
  }

  get sizeBytes(): number {
    return this.bytes
  }

  private remember(mark: FieldMark): void {
    const key = keyOf(mark)
    const known = this.latest.get(key)
    if (!known || known.stamp.t < mark.stamp.t || (known.stamp.t === mark.stamp.t && known.stamp.c <= mark.stamp.c)) this.latest.set(key, mark)
  }
}
