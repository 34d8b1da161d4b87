import { afterEach, describe, expect, it, vi } from 'vitest'
import { logMemoryFromEnv } from './memory-log'

describe('logMemoryFromEnv', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
  })

  it('writes one JSON line of the memory split every TIDINGS_MEMORY_LOG ms', () => {
    vi.useFakeTimers()
    vi.stubEnv('TIDINGS_MEMORY_LOG', '100')
    const lines: string[] = []
    logMemoryFromEnv((line) => lines.push(line))
    vi.advanceTimersByTime(250)
    expect(lines).toHaveLength(2)
    const { memory } = JSON.parse(lines[0]) as { memory: Record<string, number> }
    expect(Object.keys(memory)).toEqual(['s', 'rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'])
    expect(memory.rss).toBeGreaterThan(0)
  })

  it('stays silent without it', () => {
    vi.useFakeTimers()
    vi.stubEnv('TIDINGS_MEMORY_LOG', '')
    const lines: string[] = []
    logMemoryFromEnv((line) => lines.push(line))
    vi.advanceTimersByTime(1000)
    expect(lines).toEqual([])
  })
})
