// JSON lines go out in blocks (one write per card would dominate a large folder), and each line is
// built on its own: a card that cannot become a line (too big to serialise) is reported as an
// error line for its file, and never takes the other cards' lines, or the summary, with it.
import type { CliIo } from './io'
import { LineBlock } from '../core/text/line-block'

export { unprintableCard } from '../core/scan/card-line'

export class JsonLines {
  private readonly block = new LineBlock()
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
    if (!this.block.fits(text)) this.flush()
    // A long line goes out on its own.
    if (this.block.tooLong(text)) {
      if (typeof text === 'string') this.io.out(`${text}\n`)
      else {
        this.io.out(text)
        this.io.out('\n')
      }
      this.flushes++
      return
    }
    this.block.add(text)
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
    if (this.block.isEmpty) return
    // The stream keeps the block until it is written: the next lines go into a new one.
    this.io.out(this.block.take())
    this.flushes++
  }
}
