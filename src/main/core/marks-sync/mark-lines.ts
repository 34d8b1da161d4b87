// The lines of a device's marks file, .tidings/marks/<device-id>.jsonl:
//   {"device":"<id>","name":"Laptop"}                  who writes this file (the latest name line wins)
//   {"id":"<card id>","read":true,"t":1764750000000,"c":0}      one field of one card per line
// The device id is the file's name, so a line never repeats it.
import type { Stamp } from './hlc'

export type MarkField = 'read' | 'starred'
export const MARK_FIELDS: readonly MarkField[] = ['read', 'starred']

/** One field of one card, as one device set it at one moment. */
export interface FieldMark {
  id: string
  field: MarkField
  value: boolean
  stamp: Stamp
}

export type MarkLine = { kind: 'mark'; mark: FieldMark } | { kind: 'name'; name: string } | { kind: 'bad' }

export function markLine(mark: FieldMark): string {
  return JSON.stringify({ id: mark.id, [mark.field]: mark.value, t: mark.stamp.t, c: mark.stamp.c })
}

export function nameLine(device: string, name: string): string {
  return JSON.stringify({ device, name })
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** Reads one line of `device`'s file. Anything that is not a whole, well-formed line is `bad`. */
export function parseMarkLine(line: string, device: string): MarkLine {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return { kind: 'bad' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'bad' }
  const record = value as Record<string, unknown>
  if (typeof record.name === 'string' && record.id === undefined) return { kind: 'name', name: record.name }
  if (typeof record.id !== 'string' || record.id === '' || !isCount(record.t) || !isCount(record.c)) return { kind: 'bad' }
  const fields = MARK_FIELDS.filter((field) => typeof record[field] === 'boolean')
  if (fields.length !== 1) return { kind: 'bad' }
  const field = fields[0]
  return { kind: 'mark', mark: { id: record.id, field, value: record[field] as boolean, stamp: { t: record.t, c: record.c, d: device } } }
}

const NEWLINE = 0x0a
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Cuts bytes that arrive in arbitrary chunks into whole lines. Bytes after the last newline wait
 * for the rest (a sync tool may deliver a file part by part), so a line is never read half-written.
 */
export class LineSplitter {
  private tail: Uint8Array = new Uint8Array(0)

  /** Bytes held back because no newline has ended them yet. */
  get pendingBytes(): number {
    return this.tail.length
  }

  /** The complete lines the chunk finishes; a line that is not UTF-8 comes back as null (a bad line). */
  push(chunk: Uint8Array): Array<string | null> {
    const bytes = this.tail.length === 0 ? chunk : concat(this.tail, chunk)
    const lines: Array<string | null> = []
    let start = 0
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      if (end > start) lines.push(decode(bytes.subarray(start, end)))
      start = end + 1
    }
    this.tail = bytes.slice(start)
    return lines
  }

  reset(): void {
    this.tail = new Uint8Array(0)
  }
}

function decode(bytes: Uint8Array): string | null {
  try {
    const text = utf8.decode(bytes)
    return text.trim() === '' ? '' : text
  } catch {
    return null
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a, 0)
  joined.set(b, a.length)
  return joined
}
