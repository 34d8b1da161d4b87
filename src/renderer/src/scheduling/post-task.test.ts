// Tasks at a priority where the browser can order them (a click's deferred work ahead of a sync's queued tasks).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { postTask } from './post-task'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('postTask', () => {
  it('posts the task at its priority where the browser has scheduler.postTask, and its cancel aborts it', () => {
    const posted: { run: () => void; priority: string; signal: AbortSignal }[] = []
    vi.stubGlobal('scheduler', {
      postTask: (run: () => void, options: { priority: string; signal: AbortSignal }) => {
        posted.push({ run, ...options })
        return Promise.resolve()
      }
    })
    const run = vi.fn()
    const cancel = postTask(run, 'user-blocking')
    expect(posted).toHaveLength(1)
    expect(posted[0].priority).toBe('user-blocking')
    expect(run).not.toHaveBeenCalled()
    cancel()
    expect(posted[0].signal.aborted).toBe(true)
  })

  it('handles the rejection of a cancelled task, so it is not reported as a failure', () => {
    const aborted = new DOMException('aborted', 'AbortError')
    let handledRejection: unknown = 'not handled'
    vi.stubGlobal('scheduler', {
      postTask: () => ({
        catch: (onRejected: (reason: unknown) => unknown) => {
          handledRejection = onRejected(aborted)
          return Promise.resolve()
        }
      })
    })
    postTask(() => undefined, 'background')()
    expect(handledRejection).toBeUndefined()
  })

  it('falls back to a timer without scheduler.postTask, and its cancel stops it', () => {
    vi.useFakeTimers()
    vi.stubGlobal('scheduler', undefined)
    const run = vi.fn()
    postTask(run, 'background')
    const cancelled = vi.fn()
    postTask(cancelled, 'user-blocking')()
    vi.runAllTimers()
    expect(run).toHaveBeenCalledTimes(1)
    expect(cancelled).not.toHaveBeenCalled()
  })
})
