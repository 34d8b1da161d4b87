// The size cap: least recently used images go first, never a starred card's,
// and a background download never pushes out what the open folder needs.
import type { CacheEntries } from './cache-entries'
import { PRIORITY, type PriorityClass } from './download-queue'
import type { ImageEntry } from './image-index'

/**
 * A full cache is brought down to this share of its cap, so eviction (a sort of the whole index)
 * runs once per tenth of the cap rather than on every download.
 */
const EVICT_TO = 0.9

export class Eviction {
  /** Set when a background download found no room: the rest wait for room instead of downloading in vain. */
  backgroundBlocked = false

  constructor(
    private readonly entries: CacheEntries,
    public limitBytes: number
  ) {}

  async makeRoomAfter(entry: ImageEntry, priority: PriorityClass): Promise<void> {
    const entries = this.entries
    if (entries.usedBytes <= this.limitBytes) return
    const forVisible = priority === PRIORITY.visible
    await this.evict(Math.floor(this.limitBytes * EVICT_TO), entry.hash, forVisible)
    if (entries.usedBytes <= this.limitBytes || entry.pinned || entry.state !== 'cached') return
    // No room without evicting what the folder needs (or starred cards' images): drop this one.
    entries.forgetFile(entry)
    entries.setFailed(entry, 'cache-full', `the image cache is full (${this.limitBytes} bytes)`, Date.now() + 60 * 60 * 1000)
    if (!forVisible) this.backgroundBlocked = true
  }

  /** Brings the cache within its cap, evicting even the open folder's images (the cap was lowered). */
  async fitLimit(): Promise<void> {
    if (this.entries.usedBytes > this.limitBytes) await this.evict(this.limitBytes, null, true)
  }

  /**
   * Least recently used first, never an image of a starred card. For background downloads only
   * images the open folder does not name are candidates, so the cache never churns its own folder.
   */
  private async evict(targetBytes: number, sparedHash: string | null, mayEvictTracked: boolean): Promise<void> {
    const entries = this.entries
    const candidates: ImageEntry[] = []
    for (const entry of entries.index!.entries()) {
      if (entry.state !== 'cached' || entry.pinned || entry.hash === sparedHash) continue
      if (!mayEvictTracked && entries.isTrackedOrAsked(entry)) continue
      candidates.push(entry)
    }
    candidates.sort((a, b) => (a.lastUsed ?? 0) - (b.lastUsed ?? 0))
    for (const entry of candidates) {
      if (entries.usedBytes <= targetBytes) break
      entries.usedBytes -= entry.size ?? 0
      entries.setState(entry, 'evicted')
      entries.removeFile(entry.hash)
    }
    await Promise.allSettled(entries.removals.values())
  }
}
