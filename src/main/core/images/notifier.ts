// Tells onReady/onStatus listeners of changes, at most every few hundred
// milliseconds: a download burst is one message, not one per image.
import type { ImageCacheStatus, ImageResolution } from '../../../shared/contract'

export class Notifier {
  private readonly readyListeners = new Set<(items: ImageResolution[]) => void>()
  private readonly statusListeners = new Set<(status: ImageCacheStatus) => void>()
  private readonly readyBuffer = new Map<string, ImageResolution>()
  private statusChanged = false
  private lastStatus = ''
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly statusNow: () => ImageCacheStatus,
    private readonly everyMs = 150
  ) {}

  onReady(listener: (items: ImageResolution[]) => void): () => void {
    this.readyListeners.add(listener)
    return () => this.readyListeners.delete(listener)
  }

  onStatus(listener: (status: ImageCacheStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** An image became cached or failed (a later word on the same image replaces this one). */
  ready(hash: string, resolution: ImageResolution): void {
    this.readyBuffer.set(hash, resolution)
    this.schedule()
  }

  /** The counts may have changed; listeners hear only when they did. */
  statusMayHaveChanged(): void {
    this.statusChanged = true
    this.schedule()
  }

  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.readyBuffer.size > 0) {
      const items = [...this.readyBuffer.values()]
      this.readyBuffer.clear()
      for (const listener of this.readyListeners) callSafely(() => listener(items))
    }
    if (this.statusChanged) {
      this.statusChanged = false
      const status = this.statusNow()
      const key = JSON.stringify(status)
      if (key !== this.lastStatus) {
        this.lastStatus = key
        for (const listener of this.statusListeners) callSafely(() => listener(status))
      }
    }
  }

  /** No more timed flushes (closing). */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  clearListeners(): void {
    this.readyListeners.clear()
    this.statusListeners.clear()
  }

  private schedule(): void {
    if (this.timer || this.stopped) return
    this.timer = setTimeout(() => this.flush(), this.everyMs)
  }
}

function callSafely(action: () => void): void {
  try {
    action()
  } catch {
    // A listener's failure is its own; the cache carries on.
  }
}
