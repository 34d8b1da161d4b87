// Lines gathered as UTF-8 in one block of bytes, each encoded as it is added. A block kept as a string instead
// (a rope of lines, often two-byte text) had to be flattened and encoded again at write time: ~0.3 ms a card on
// the CLI's main thread, and a second of a 10k sync's host thread for the image index's lines.

const utf8 = new TextEncoder()
/** UTF-8 takes at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3
export const LINE_BLOCK_BYTES = 256 * 1024

/** The most bytes `line` and its newline can take. */
const mostBytesOf = (line: string | Uint8Array): number => (typeof line === 'string' ? (line.length + 1) * MAX_BYTES_PER_UNIT : line.length + 1)

export class LineBlock {
  private block: Buffer
  private filled = 0

  constructor(private readonly blockBytes = LINE_BLOCK_BYTES) {
    this.block = Buffer.allocUnsafe(blockBytes)
  }

  get isEmpty(): boolean {
    return this.filled === 0
  }

  /** True when `line` (text or its UTF-8 bytes, no newline) surely fits in what is left. */
  fits(line: string | Uint8Array): boolean {
    return this.filled + mostBytesOf(line) <= this.block.length
  }

  /** True when `line` might not fit even an empty block: it is written on its own instead. */
  tooLong(line: string | Uint8Array): boolean {
    return mostBytesOf(line) > this.block.length
  }

  /** Adds `line` and a newline; the caller has checked that it fits. */
  add(line: string | Uint8Array): void {
    if (typeof line === 'string') this.filled += utf8.encodeInto(line, this.block.subarray(this.filled)).written
    else {
      this.block.set(line, this.filled)
      this.filled += line.length
    }
    this.block[this.filled++] = 0x0a
  }

  /** The lines so far, handed over: the next go into a new block, since a stream may hold this one until written. */
  take(): Buffer {
    const lines = this.block.subarray(0, this.filled)
    this.block = Buffer.allocUnsafe(this.blockBytes)
    this.filled = 0
    return lines
  }
}
