// A click's deferred work goes ahead of a sync's queued tasks where the browser can order them.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { queueUrgentTask } from './urgent-task'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('queueUrgentTask', () => {
  it('posts a user-blocking task where the browser has scheduler.postTask, and its cancel aborts it', () => {
    const posted: { run: () => void; priority: string; signal: AbortSignal }[] = []
    vi.stubGlobal('scheduler', {
      postTask: (run: () => void, options: { priority: string; signal: AbortSignal }) => {
        posted.push({ run, ...options })
        return Promise.resolve()
      }
    })
    const run = vi.fn()
    const cancel = queueUrgentTask(run)
    expect(posted).toHaveLength(1)
    expect(posted[0].priority).toBe('user-blocking')
    expect(run).not.toHaveBeenCalled()
    cancel()
    expect(posted[0].signal.aborted).toBe(true)
  })

  it('does not report an aborted task as a failure', async () => {
    const rejected = Promise.reject(new DOMException('aborted', 'AbortError'))
    vi.stubGlobal('scheduler', { postTask: () => rejected })
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    queueUrgentTask(() => undefined)()
    await new Promise((resolve) => setTimeout(resolve, 10))
    process.off('unhandledRejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
  })

  it('falls back to a timer without scheduler.postTask, and its cancel stops it', () => {
    vi.useFakeTimers()
    vi.stubGlobal('scheduler', undefined)
    const run = vi.fn()
    queueUrgentTask(run)
    const cancelled = vi.fn()
    queueUrgentTask(cancelled)()
    vi.runAllTimers()
    expect(run).toHaveBeenCalledTimes(1)
    expect(cancelled).not.toHaveBeenCalled()
  })
})
