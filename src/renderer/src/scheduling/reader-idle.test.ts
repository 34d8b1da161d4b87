// Background work waits for a pause in the reader's input, but never for good.
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  vi.resetModules()
})

async function withWindow() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  const window = new EventTarget()
  vi.stubGlobal('window', window)
  const { readerIdle, watchReaderInput } = await import('./reader-idle')
  watchReaderInput()
  const press = () => window.dispatchEvent(new Event('keydown'))
  return { readerIdle, press }
}

describe('readerIdle', () => {
  it('resolves at once when the reader is not typing, and two seconds after the last key when they are', async () => {
    const { readerIdle, press } = await withWindow()
    await readerIdle()

    press()
    let idle = false
    void readerIdle().then(() => (idle = true))
    await vi.advanceTimersByTimeAsync(1500)
    press()
    await vi.advanceTimersByTimeAsync(1900)
    expect(idle).toBe(false)
    await vi.advanceTimersByTimeAsync(200)
    expect(idle).toBe(true)
  })

  it('stops waiting after a minute of constant input', async () => {
    const { readerIdle, press } = await withWindow()
    press()
    let idle = false
    void readerIdle().then(() => (idle = true))
    for (let second = 0; second < 59; second++) {
      await vi.advanceTimersByTimeAsync(1000)
      press()
    }
    expect(idle).toBe(false)
    await vi.advanceTimersByTimeAsync(2000)
    expect(idle).toBe(true)
  })
})
