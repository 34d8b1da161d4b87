// JSON lines go out in blocks (one write per card would dominate a large folder), and each line is
// built on its own: a card that cannot become a line (too big to serialise) is reported as an
// error line for its file, and never takes the other cards' lines, or the summary, with it.
import type { CliIo } from './io'

export { unprintableCard } from '../core/scan/card-line'

const BLOCK_CHARS = 256 * 1024

export class JsonLines {
  private block = ''

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

  /** Adds one line already made (no newline). */
  addText(text: string): void {
    // A long line goes out on its own: added to the block, it could pass the longest string there is.
    if (text.length > BLOCK_CHARS) {
      this.flush()
      this.io.out(`${text}\n`)
      return
    }
    this.block += `${text}\n`
    if (this.block.length > BLOCK_CHARS) this.flush()
  }

  /** Adds one line, and when a block went out, waits for it to drain: a slow reader slows the producer instead of lines piling up. */
  async addDrained(value: unknown, instead: (error: unknown) => object): Promise<void> {
    const before = this.block.length
    this.add(value, instead)
    if (this.block.length <= before) await this.io.drained?.()
  }

  /** addText, then waits as addDrained does. */
  async addTextDrained(text: string): Promise<void> {
    const before = this.block.length
    this.addText(text)
    if (this.block.length <= before) await this.io.drained?.()
  }

  flush(): void {
    if (this.block.length > 0) this.io.out(this.block)
    this.block = ''
  }
}
