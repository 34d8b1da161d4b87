// Each image's full hash and URL, kept on disk instead of in memory: at 100k cards the index
// holds ~1.5 million of them, ~130 MB of process memory, though most are read once or twice.
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { isRunning } from './running-process'

const APPEND_BYTES = 64 * 1024

/**
 * Reads go through a few cached blocks of the file: an image's hash and URL are read several times in a row
 * (queued, downloaded, failed, journalled, announced), and neighbouring images together. One read syscall per
 * access cost the host ~18 s of CPU in a 10k sync; 16 blocks of 32 KB keep that to a few thousand reads.
 */
const BLOCK_BYTES = 32 * 1024
const CACHED_BLOCKS = 16

/** A block of the file as read: its bytes from `start`, `valid` of them read (the last block may be partial). */
interface CachedBlock {
  start: number
  valid: number
  bytes: Buffer
}

/** Beside the cached images but in a folder of its own, so finding leftovers never lists the whole cache. */
const SCRATCH_FOLDER = '.scratch'
const SCRATCH_NAME = /^image-urls\.(\d+)\.[a-z0-9]*\.scratch$/

/**
 * Removes scratch files left by a process that ended without closing them: only where the system refused to
 * unlink an open file (Windows) can one outlive its process, and a crash there leaves it behind.
 */
function removeLeftovers(folder: string): void {
  for (const name of readdirSync(folder)) {
    const match = SCRATCH_NAME.exec(name)
    if (match && Number(match[1]) !== process.pid && !isRunning(Number(match[1]))) rmSync(join(folder, name), { force: true })
  }
}

/**
 * An append-only scratch file of records, read back by offset. It is unlinked as soon as it is
 * open, so it never outlives the process (where the system refuses that, it is removed on close).
 * Appends gather in a buffer written 64 KB at a time; reads go through one reused buffer.
 */
export class UrlFile {
  private readonly fd: number
  private readonly path: string | null
  /** Bytes already in the file; the append buffer holds what follows. */
  private written = 0
  private readonly pending = Buffer.alloc(APPEND_BYTES)
  private pendingBytes = 0
  private readBuffer = Buffer.alloc(1024)
  /** By block start, least recently used first. */
  private readonly blocks = new Map<number, CachedBlock>()
  private closed = false

  constructor(dir: string) {
    const folder = join(dir, SCRATCH_FOLDER)
    mkdirSync(folder, { recursive: true })
    removeLeftovers(folder)
    const path = join(folder, `image-urls.${process.pid}.${Math.random().toString(36).slice(2)}.scratch`)
    this.fd = openSync(path, 'w+', 0o600)
    try {
      unlinkSync(path)
      this.path = null
    } catch {
      this.path = path
    }
  }

  /** Where the next record starts. */
  get end(): number {
    return this.written + this.pendingBytes
  }

  /** Appends the bytes and the text's UTF-8 after them; returns the record's offset and the text's length in bytes. */
  append(head: Uint8Array, text: string): { offset: number; textBytes: number } {
    if (this.closed) throw new Error('the image index is closed')
    const offset = this.end
    const textBytes = Buffer.byteLength(text, 'utf8')
    if (this.pendingBytes + head.length + textBytes > APPEND_BYTES) this.flush()
    if (head.length + textBytes > APPEND_BYTES) {
      writeSync(this.fd, head, 0, head.length, this.written)
      writeSync(this.fd, Buffer.from(text, 'utf8'), 0, textBytes, this.written + head.length)
      this.written += head.length + textBytes
    } else {
      this.pending.set(head, this.pendingBytes)
      this.pending.write(text, this.pendingBytes + head.length, 'utf8')
      this.pendingBytes += head.length + textBytes
    }
    return { offset, textBytes }
  }

  /** The `length` bytes at `offset`, in a buffer reused by the next read. */
  read(offset: number, length: number): Buffer {
    // The descriptor's number may belong to another file by now.
    if (this.closed) throw new Error('the image index is closed')
    const cached = this.fromBlock(offset, length)
    if (cached) return cached
    if (this.readBuffer.length < length) this.readBuffer = Buffer.alloc(Math.max(length, this.readBuffer.length * 2))
    const inFile = Math.max(0, Math.min(length, this.written - offset))
    let got = 0
    while (got < inFile) {
      const read = readSync(this.fd, this.readBuffer, got, inFile - got, offset + got)
      if (read === 0) throw new Error('the image URL scratch file is shorter than it should be')
      got += read
    }
    if (got < length) this.pending.copy(this.readBuffer, got, offset + got - this.written, offset + length - this.written)
    return this.readBuffer.subarray(0, length)
  }

  /** The bytes from a cached block (read in when missing), or null when they are not all in one written block. */
  private fromBlock(offset: number, length: number): Buffer | null {
    const start = offset - (offset % BLOCK_BYTES)
    if (offset + length > Math.min(start + BLOCK_BYTES, this.written)) return null
    let block = this.blocks.get(start)
    if (block) this.blocks.delete(start)
    if (!block || block.valid < offset + length - start) block = this.readBlock(start, block)
    this.blocks.set(start, block)
    return block.bytes.subarray(offset - start, offset - start + length)
  }

  private readBlock(start: number, stale: CachedBlock | undefined): CachedBlock {
    let bytes = stale?.bytes
    if (!bytes) {
      const oldest = this.blocks.size >= CACHED_BLOCKS ? this.blocks.keys().next().value : undefined
      if (oldest !== undefined) {
        bytes = this.blocks.get(oldest)!.bytes
        this.blocks.delete(oldest)
      } else bytes = Buffer.alloc(BLOCK_BYTES)
    }
    const valid = Math.min(BLOCK_BYTES, this.written - start)
    let got = 0
    while (got < valid) {
      const read = readSync(this.fd, bytes, got, valid - got, start + got)
      if (read === 0) throw new Error('the image URL scratch file is shorter than it should be')
      got += read
    }
    return { start, valid, bytes }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    closeSync(this.fd)
    if (this.path) rmSync(this.path, { force: true })
  }

  private flush(): void {
    let done = 0
    while (done < this.pendingBytes) done += writeSync(this.fd, this.pending, done, this.pendingBytes - done, this.written + done)
    this.written += this.pendingBytes
    this.pendingBytes = 0
  }
}
