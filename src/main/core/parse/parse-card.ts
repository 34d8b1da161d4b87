// One card file -> a normalised Card or a refusal. Refusals are values: a bad
// file never throws out of here and never stops a scan.
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import type { Card, CardError, CardErrorCode } from '../../../shared/card'
import { normalizeCard } from '../../../shared/normalize'
import { conflictCopyMessage } from '../scan/sync-litter'
import { describeBinary } from './binary-kind'
import { readFrontMatter } from './front-matter'
import { messageOf } from '../../../shared/errors'

export type ParseOutcome = { ok: true; card: Card } | { ok: false; error: CardError }

/** Files larger than this are refused before they are read whole. */
export const MAX_CARD_BYTES = 4 * 1024 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true })
const NOT_SPACE = /\S/

// Non-blocking, so a FIFO or device named like a card cannot hang the open; a
// regular file reads the same either way, and the fstat then refuses the rest.
const OPEN_FLAGS = constants.O_NONBLOCK === undefined ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK

export function refusal(path: string, code: CardErrorCode, message: string, line?: number): ParseOutcome {
  const error: CardError = line === undefined ? { path, code, message } : { path, code, message, line }
  return { ok: false, error }
}

/**
 * Parses one card's bytes. `relPath` is relative to the folder with `/` separators;
 * it names the file in errors and gives the id when the card has no URL.
 */
export function parseCardBytes(bytes: Uint8Array, relPath: string): ParseOutcome {
  const conflictCopy = conflictCopyMessage(relPath)
  if (conflictCopy !== null) return refusal(relPath, 'sync-conflict', conflictCopy)
  if (bytes.length > MAX_CARD_BYTES) return tooLarge(relPath, bytes.length)
  if (bytes.length === 0) return refusal(relPath, 'empty', 'the file is empty')
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return refusal(relPath, 'binary', `the file holds binary data (a NUL byte at offset ${nul}), not text`, lineOfOffset(bytes, nul))
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    const line = firstNonUtf8Line(bytes)
    return refusal(relPath, 'not-utf8', `the file is not UTF-8 text (invalid bytes on line ${line}); save it as UTF-8`, line)
  }
  return parseCardText(text, relPath)
}

/** Parses decoded text (no BOM). Exposed for callers that already hold a string. */
export function parseCardText(text: string, relPath: string): ParseOutcome {
  // Not trim(): on a card that ends in a line break it would copy the whole text.
  if (!NOT_SPACE.test(text)) return refusal(relPath, 'empty', 'the file holds only whitespace')
  const front = readFrontMatter(text)
  if (!front.ok) return refusal(relPath, front.code, front.message, front.line)
  let card: Card
  try {
    card = normalizeCard(front.data, front.body, relPath)
  } catch (error) {
    // normalizeCard handles every shape YAML can produce; this is a last guard.
    return refusal(relPath, 'unreadable', `the card could not be read: ${messageOf(error)}`)
  }
  return { ok: true, card }
}

export interface ReadOutcome {
  path: string
  size: number
  mtimeMs: number
  outcome: ParseOutcome
}

/** Stats, size-checks, reads and parses one file. Never throws: every failure is an error outcome. */
export async function readCardFile(folder: string, relPath: string): Promise<ReadOutcome> {
  let fd: number | undefined
  let size = 0
  let mtimeMs = 0
  try {
    fd = await openFile(join(folder, relPath))
    const stats = await statFile(fd)
    size = stats.size
    mtimeMs = stats.mtimeMs
    if (!stats.isFile()) return { path: relPath, size, mtimeMs, outcome: refusal(relPath, 'unreadable', 'it is not a regular file') }
    if (size > MAX_CARD_BYTES) return { path: relPath, size, mtimeMs, outcome: tooLarge(relPath, size) }
    const bytes = await readAtMost(fd, size, MAX_CARD_BYTES)
    const outcome = bytes === null ? tooLarge(relPath, MAX_CARD_BYTES + 1) : parseCardBytes(bytes, relPath)
    if (bytes !== null && !outcome.ok && (outcome.error.code === 'binary' || outcome.error.code === 'not-utf8')) {
      outcome.error.message += await describeBinary(bytes)
    }
    return { path: relPath, size, mtimeMs, outcome }
  } catch (error) {
    return { path: relPath, size, mtimeMs, outcome: readFailure(relPath, error) }
  } finally {
    if (fd !== undefined) close(fd, () => undefined)
  }
}

// The callback API rather than FileHandle: measured about twice as fast per
// file, which is most of a card's cost when a scan runs in one thread.
const openFile = (path: string) => new Promise<number>((resolve, reject) => open(path, OPEN_FLAGS, (error, fd) => (error ? reject(error) : resolve(fd))))
const statFile = (fd: number) => new Promise<Stats>((resolve, reject) => fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))))
const readInto = (fd: number, buffer: Buffer, offset: number) =>
  new Promise<number>((resolve, reject) => read(fd, buffer, offset, buffer.length - offset, offset, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))))

// Reads to the end, starting with the size the stat gave. Null when the file
// grew past the cap meanwhile.
async function readAtMost(fd: number, expected: number, cap: number): Promise<Uint8Array | null> {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(expected, cap) + 1)
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      if (filled > cap) return null
      buffer = grow(buffer, filled, cap)
    }
    const bytesRead = await readInto(fd, buffer, filled)
    if (bytesRead === 0) return buffer.subarray(0, filled)
    filled += bytesRead
  }
}

function grow(buffer: Buffer, filled: number, cap: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, cap + 1))
  buffer.copy(bigger, 0, 0, filled)
  return bigger
}

/**
 * readCardFile with blocking I/O, for worker threads, where nothing else waits
 * on the thread and a syscall costs far less than a trip through the libuv
 * pool. The refusal for a binary file is not enriched with its detected kind.
 */
export function readCardFileSync(folder: string, relPath: string): ReadOutcome {
  let fd: number | undefined
  let size = 0
  let mtimeMs = 0
  try {
    fd = openSync(join(folder, relPath), OPEN_FLAGS)
    const stats = fstatSync(fd)
    size = stats.size
    mtimeMs = stats.mtimeMs
    if (!stats.isFile()) return { path: relPath, size, mtimeMs, outcome: refusal(relPath, 'unreadable', 'it is not a regular file') }
    if (size > MAX_CARD_BYTES) return { path: relPath, size, mtimeMs, outcome: tooLarge(relPath, size) }
    const bytes = readAtMostSync(fd, size, MAX_CARD_BYTES)
    const outcome = bytes === null ? tooLarge(relPath, MAX_CARD_BYTES + 1) : parseCardBytes(bytes, relPath)
    return { path: relPath, size, mtimeMs, outcome }
  } catch (error) {
    return { path: relPath, size, mtimeMs, outcome: readFailure(relPath, error) }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * The blocking reads of a thread share one buffer: a fresh one per file (off the pool above 4 KB, as most
 * real cards are) is external memory that only a collection gives back, and a scan worker reads thousands.
 * A blocking read is over before any other starts, and parseCardBytes turns the bytes into a string at once.
 */
const REUSED_READ_BYTES = 256 * 1024
let reusedRead: Buffer | null = null

function readAtMostSync(fd: number, expected: number, cap: number): Uint8Array | null {
  const wanted = Math.min(expected, cap) + 1
  let buffer: Buffer = wanted <= REUSED_READ_BYTES ? (reusedRead ??= Buffer.allocUnsafeSlow(REUSED_READ_BYTES)) : Buffer.allocUnsafe(wanted)
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      if (filled > cap) return null
      buffer = grow(buffer, filled, cap)
    }
    const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled)
    if (bytesRead === 0) return buffer.subarray(0, filled)
    filled += bytesRead
  }
}

export function readFailure(relPath: string, error: unknown): ParseOutcome {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return refusal(relPath, 'vanished', 'the file disappeared before it could be read')
    case 'EACCES':
    case 'EPERM':
      return refusal(relPath, 'permission-denied', 'permission denied: this user may not read the file')
    case 'ELOOP':
      return refusal(relPath, 'symlink-loop', 'the file is a symbolic link that loops back on itself')
    case 'EISDIR':
      return refusal(relPath, 'unreadable', 'it is a folder, not a file')
    default:
      return refusal(relPath, 'unreadable', `the file could not be read (${code ?? messageOf(error)})`)
  }
}

function tooLarge(relPath: string, size: number): ParseOutcome {
  const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)
  return refusal(relPath, 'too-large', `the file is ${mb(size)} MB; cards over ${mb(MAX_CARD_BYTES)} MB are not read`)
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

// A newline byte never occurs inside a UTF-8 sequence, so lines can be checked one by one.
function firstNonUtf8Line(bytes: Uint8Array): number {
  let start = 0
  let line = 1
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end === -1) end = bytes.length
    try {
      utf8.decode(bytes.subarray(start, end))
    } catch {
      return line
    }
    start = end + 1
    line++
  }
  return line
}
