import { describe, expect, it } from 'vitest'
import { SerialQueue } from './serial-queue'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('SerialQueue', () => {
  it('runs each job after the one before has settled, a failure included, and reports failures', async () => {
    const failures: unknown[] = []
    const queue = new SerialQueue((error) => failures.push(error))
    const order: string[] = []
    const slow = queue.run(async () => {
      await tick(20)
      order.push('slow')
      return 1
    })
    const failing = queue.run(() => {
      order.push('failing')
      throw new Error('boom')
    })
    const fast = queue.run(() => {
      order.push('fast')
      return 3
    })
    await expect(slow).resolves.toBe(1)
    await expect(failing).rejects.toThrow('boom')
    await expect(fast).resolves.toBe(3)
    expect(order).toEqual(['slow', 'failing', 'fast'])
    expect(failures).toHaveLength(1)
  })

  it('is idle only once every queued job has settled, and idle never rejects', async () => {
    const queue = new SerialQueue()
    let done = false
    void queue.run(async () => {
      await tick(20)
      done = true
    })
    void queue.run(() => Promise.reject(new Error('late'))).catch(() => undefined)
    await queue.idle()
    expect(done).toBe(true)
  })
})
