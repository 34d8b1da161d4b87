import { describe, expect, it } from 'vitest'
import { HostHealth } from './host-health'

const policy = { failuresBeforeDown: 3, failuresBeforeOffline: 5, firstDownMs: 1000, maxDownMs: 4000 }

describe('HostHealth', () => {
  it('counts a host down after unanswered requests in a row, for longer each time', () => {
    const health = new HostHealth(policy)
    health.noResponse('a', 'network', 'ENOTFOUND', false, 0)
    health.noResponse('a', 'network', 'ENOTFOUND', false, 0)
    expect(health.downFor('a', 0)).toBeNull()
    health.noResponse('a', 'network', 'ENOTFOUND', false, 0)
    expect(health.downFor('a', 0)).toEqual({ until: 1000, reason: 'network', detail: 'ENOTFOUND' })
    expect(health.downFor('b', 0)).toBeNull()
    expect(health.downFor('a', 1000)).toBeNull()
    health.noResponse('a', 'connect-timeout', 'connect-timeout after 15000 ms', false, 1000)
    expect(health.downFor('a', 1000)?.until).toBe(3000)
    health.noResponse('a', 'network', 'x', false, 3000)
    health.noResponse('a', 'network', 'x', false, 7000)
    expect(health.downFor('a', 7000)?.until).toBe(11000) // capped at maxDownMs
  })

  it('forgets a host’s failures once it answers, even with an error', () => {
    const health = new HostHealth(policy)
    health.noResponse('a', 'network', 'ECONNREFUSED', false, 0)
    health.noResponse('a', 'network', 'ECONNREFUSED', false, 0)
    health.responded('a')
    health.noResponse('a', 'network', 'ECONNREFUSED', false, 0)
    expect(health.downFor('a', 0)).toBeNull()
  })

  it('counts a host down at once when a probe gets no answer', () => {
    const health = new HostHealth(policy)
    health.noResponse('a', 'network', 'ENOTFOUND', true, 0)
    expect(health.downFor('a', 0)?.until).toBe(1000)
  })

  it('counts the whole network as down when several hosts in a row do not answer', () => {
    const health = new HostHealth(policy)
    for (const host of ['a', 'b', 'c', 'd', 'e']) health.noResponse(host, 'network', 'EAI_AGAIN', false, 0)
    expect(health.downFor('never-tried', 0)?.detail).toContain('offline')
    health.responded('b')
    expect(health.downFor('never-tried', 0)).toBeNull()
  })
})
