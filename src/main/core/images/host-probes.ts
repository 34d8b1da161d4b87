import type { HostHealth } from './host-health'
import { RetryTimer } from './retry-timer'
import { SlotList } from './slot-list'

interface Gate {
  /** Images of the host waiting for it to answer again: already failed, nothing more is written for them. */
  held: SlotList
  /** The one image sent to find out whether the host is back. */
  probe: number | null
  /** An image the user looked at while the host was down: the next probe, so it comes first. */
  preferred: number | null
  timerAt: number
}

export interface ProbeActions {
  /** Queues a held image again; false when it is no longer failed or no longer wanted (it is then dropped). */
  requeue(slot: number, asProbe: boolean): boolean
}

/**
 * A half-open circuit breaker per host. Offline, a 100k sync's ~1.7M images wait on their hosts;
 * queuing a host's whole group each time its down period ended cost ~2M index lines a wave
 * (pending, then failed again) and a million-item ready queue, for nothing. Now one image probes
 * the host; the rest are queued only once it answers (any answer, even a 404, proves it is there).
 */
export class HostProbes {
  private readonly gates = new Map<string, Gate>()
  private readonly hostIds = new Map<string, number>()
  private readonly hostNames: string[] = []
  private readonly timer = new RetryTimer(
    (id) => this.reopen(this.hostNames[id]),
    () => false
  )

  constructor(
    private readonly health: HostHealth,
    private readonly actions: ProbeActions
  ) {}

  /** An image found its host down: it waits, without a timer of its own, until a probe finds the host back. */
  park(host: string, slot: number, until: number): void {
    this.gateOf(host).held.push(slot)
    this.wakeAt(host, until)
  }

  /**
   * A failed image of `host` is due again. True when it must wait (the host is down, or a probe is
   * out); false when the caller should queue it: it is then the probe.
   */
  admit(host: string, slot: number): boolean {
    const down = this.health.downFor(host)
    if (down) {
      this.park(host, slot, down.until)
      return true
    }
    const gate = this.gateOf(host)
    if (gate.probe !== null) {
      gate.held.push(slot)
      return true
    }
    gate.probe = slot
    return false
  }

  isProbe(host: string, slot: number): boolean {
    return this.gates.get(host)?.probe === slot
  }

  /** The user sees this image while its host is down: it goes first when the host is tried again. */
  prefer(host: string, slot: number): void {
    const gate = this.gates.get(host)
    if (gate) gate.preferred = slot
  }

  /** The probe's download ended (or it was dropped): the host is back, or it waits another down period. */
  settled(host: string, slot: number): void {
    const gate = this.gates.get(host)
    if (!gate || gate.probe !== slot) return
    gate.probe = null
    const down = this.health.downFor(host)
    if (down) return this.wakeAt(host, down.until)
    this.gates.delete(host)
    gate.held.forEach((held) => this.actions.requeue(held, false))
  }

  clear(): void {
    this.timer.clear()
    this.gates.clear()
  }

  private reopen(host: string): void {
    const gate = this.gates.get(host)
    if (!gate) return
    gate.timerAt = Infinity
    if (gate.probe !== null) return
    const down = this.health.downFor(host)
    // The whole network was found down again through another host: no need to knock here.
    if (down) return this.wakeAt(host, down.until)
    const preferred = gate.preferred
    gate.preferred = null
    if (preferred !== null && this.actions.requeue(preferred, true)) gate.probe = preferred
    const waiting = gate.held
    gate.held = new SlotList()
    // Moved, not re-queued: a few ms for a million slots, and no index line.
    waiting.forEach((slot) => {
      if (slot === gate.probe) return
      if (gate.probe === null && this.actions.requeue(slot, true)) gate.probe = slot
      else gate.held.push(slot)
    })
    if (gate.probe === null) this.gates.delete(host)
  }

  private wakeAt(host: string, until: number): void {
    const gate = this.gateOf(host)
    if (gate.timerAt <= until) return
    gate.timerAt = until
    this.timer.add(this.idOf(host), until)
  }

  private gateOf(host: string): Gate {
    let gate = this.gates.get(host)
    if (!gate) this.gates.set(host, (gate = { held: new SlotList(), probe: null, preferred: null, timerAt: Infinity }))
    return gate
  }

  private idOf(host: string): number {
    let id = this.hostIds.get(host)
    if (id === undefined) {
      id = this.hostNames.push(host) - 1
      this.hostIds.set(host, id)
    }
    return id
  }
}
