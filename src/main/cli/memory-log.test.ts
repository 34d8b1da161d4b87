import { afterEach, describe, expect, it, vi } from 'vitest'
import { logMemoryFromEnv } from './memory-log'

/** The lines logged over `ms` of fake time with TIDINGS_MEMORY_LOG set to `setting`. */
function linesLogged(setting: string, ms: number): string[] {
  vi.useFakeTimers()
  vi.stubEnv('TIDINGS_MEMORY_LOG', setting)
  const lines: string[] = []
  logMemoryFromEnv((line) => lines.push(line))
  vi.advanceTimersByTime(ms)
  return lines
}

describe('logMemoryFromEnv', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
  })

  it('writes one JSON line of the memory split every TIDINGS_MEMORY_LOG ms', () => {
    const lines = linesLogged('100', 250)
    expect(lines).toHaveLength(2)
    const { memory } = JSON.parse(lines[0]) as { memory: Record<string, number> }
    expect(Object.keys(memory)).toEqual(['s', 'rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'])
    expect(memory.rss).toBeGreaterThan(0)
  })

  it('stays silent without it', () => {
    expect(linesLogged('', 1000)).toEqual([])
  })
})
