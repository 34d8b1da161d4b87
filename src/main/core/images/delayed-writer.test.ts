import { describe, expect, it } from 'vitest'
import { DelayedWriter } from './delayed-writer'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('DelayedWriter', () => {
  it('joins changes made while a write waits, never runs two writes at once, and writes nothing after close', async () => {
    let running = 0
    let overlapped = false
    let writes = 0
    const writer = new DelayedWriter(
      async () => {
        overlapped ||= running > 0
        running++
        await tick(15)
        running--
        writes++
      },
      () => 20
    )
    writer.schedule()
    writer.schedule()
    writer.schedule()
    await tick(60)
    expect(writes).toBe(1)
    void writer.flush()
    await writer.flush()
    expect(overlapped).toBe(false)
    expect(writes).toBe(3)
    let last = false
    await writer.close(async () => void (last = true))
    expect(last).toBe(true)
    writer.schedule()
    await tick(40)
    expect(writes).toBe(4)
  })
})
