// JSON lines go out in blocks (one write per card would dominate a large folder), and each line is
// built on its own: a card that cannot become a line (too big to serialise) is reported as an
// error line for its file, and never takes the other cards' lines, or the summary, with it.
// Each line is encoded into the block's bytes as it is added: a block kept as a string (a rope of
// two-byte card text) cost the scan's main thread ~0.3 ms a card to flatten and encode at write time.
import type { CliIo } from './io'

export { unprintableCard } from '../core/scan/card-line'

const utf8 = new TextEncoder()
const BLOCK_BYTES = 256 * 1024
/** UTF-8 takes at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3

export class JsonLines {
  private block = Buffer.allocUnsafe(BLOCK_BYTES)
  private filled = 0
  /** Blocks written so far: a line that sent one out may wait for it to drain. */
  private flushes = 0

  constructor(private readonly io: CliIo) {}

  /** Adds one line; when `value` cannot be serialised, the line `instead(error)` gives is written. */
  add(value: unknown, instead: (error: unknown) => object): void {
    let text: string
    try {
      text = JSON.stringify(value)
    } catch (error) {
      text = JSON.stringify(instead(error))
    }
    this.addText(text)
  }

  /** Adds one line already made (no newline), as text or as its UTF-8 bytes. */
  addText(text: string | Uint8Array): void {
    if (typeof text !== 'string') return this.addBytes(text)
    const most = (text.length + 1) * MAX_BYTES_PER_UNIT
    if (this.filled + most > this.block.length) this.flush()
    // A long line goes out on its own.
    if (most > this.block.length) {
      this.io.out(`${text}\n`)
      this.flushes++
      return
    }
    this.filled += utf8.encodeInto(text, this.block.subarray(this.filled)).written
    this.block[this.filled++] = 0x0a
  }

  private addBytes(bytes: Uint8Array): void {
    if (this.filled + bytes.length + 1 > this.block.length) this.flush()
    // A long line goes out on its own.
    if (bytes.length + 1 > this.block.length) {
      this.io.out(bytes)
      this.io.out('\n')
      this.flushes++
      return
    }
    this.block.set(bytes, this.filled)
    this.filled += bytes.length
    this.block[this.filled++] = 0x0a
  }

  /** Adds one line, and when a block went out, waits for it to drain: a slow reader slows the producer instead of lines piling up. */
  async addDrained(value: unknown, instead: (error: unknown) => object): Promise<void> {
    const before = this.flushes
    this.add(value, instead)
    if (this.flushes !== before) await this.io.drained?.()
  }

  /** addText, then waits as addDrained does. */
  async addTextDrained(text: string | Uint8Array): Promise<void> {
    const before = this.flushes
    this.addText(text)
    if (this.flushes !== before) await this.io.drained?.()
  }

  flush(): void {
    if (this.filled === 0) return
    // The stream keeps the block until it is written: the next lines go into a new one.
    this.io.out(this.block.subarray(0, this.filled))
    this.block = Buffer.allocUnsafe(BLOCK_BYTES)
    this.filled = 0
    this.flushes++
  }
}
