import type { FailureReason } from './retry-policy'

export interface HostHealthPolicy {
  /** Requests in a row that got no response at all before the host counts as unreachable. */
  failuresBeforeDown: number
  /** Requests in a row, to several hosts, that got no response before we count as offline. */
  failuresBeforeOffline: number
  /** How long the first time; doubles each time the host (or the network) is found down again. */
  firstDownMs: number
  maxDownMs: number
}

export const DEFAULT_HOST_HEALTH: HostHealthPolicy = { failuresBeforeDown: 3, failuresBeforeOffline: 12, firstDownMs: 30_000, maxDownMs: 30 * 60_000 }

const OFFLINE = '\0offline'

interface HostState {
  failures: number
  downs: number
  downUntil: number
  reason: FailureReason
  detail: string
}

export interface HostDown {
  until: number
  reason: FailureReason
  detail: string
}

/**
 * Hosts that do not answer at all (no DNS, connection refused, connect timeout). Offline, every
 * attempt can take a DNS timeout of seconds; without this, 100k queued images would each wait
 * their turn to find that out. Any response at all, even a 404, proves the host is there.
 */
export class HostHealth {
  private readonly hosts = new Map<string, HostState>()
  /** Hosts among the current run of unanswered requests (any answer ends the run). */
  private readonly silentHosts = new Set<string>()

  constructor(private readonly policy: HostHealthPolicy) {}

  downFor(host: string, now = Date.now()): HostDown | null {
    const offline = this.hosts.get(OFFLINE)
    if (offline && offline.downUntil > now) return { until: offline.downUntil, reason: offline.reason, detail: `offline? no host has answered lately: ${offline.detail}` }
    const state = this.hosts.get(host)
    if (!state || state.downUntil <= now) return null
    return { until: state.downUntil, reason: state.reason, detail: state.detail }
  }

  /** `probe`: the request was sent to find out whether the host is back; its silence counts the host down at once. */
  noResponse(host: string, reason: FailureReason, detail: string, probe = false, now = Date.now()): void {
    this.count(host, reason, detail, probe ? 1 : this.policy.failuresBeforeDown, now)
    this.silentHosts.add(host)
    // Many hosts, none answering: the network itself is gone, so stop trying each host in turn.
    const threshold = this.silentHosts.size >= 3 ? this.policy.failuresBeforeOffline : Infinity
    this.count(OFFLINE, reason, detail, threshold, now)
  }

  responded(host: string): void {
    this.hosts.delete(host)
    this.hosts.delete(OFFLINE)
    this.silentHosts.clear()
  }

  private count(key: string, reason: FailureReason, detail: string, threshold: number, now: number): void {
    const state = this.hosts.get(key) ?? { failures: 0, downs: 0, downUntil: 0, reason, detail }
    this.hosts.set(key, state)
    state.failures++
    state.reason = reason
    state.detail = detail
    if (state.failures < threshold || state.downUntil > now) return
    state.downUntil = now + Math.min(this.policy.firstDownMs * 2 ** state.downs, this.policy.maxDownMs)
    state.downs++
  }
}
