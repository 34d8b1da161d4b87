// Turns image URLs into loadable srcs. Rows ask one at a time as they render;
// the resolver gathers them for a frame and asks main once, so a screenful of
// thumbnails is one call, not forty.
import type { ImageResolution, TidingsCalls } from '../../../shared/contract'
import type { ImageSrc } from './types'

type Priority = 'visible' | 'background'
type Listener = () => void

export const NO_IMAGE: ImageSrc = Object.freeze({ src: null, state: 'none' })
const PENDING: ImageSrc = Object.freeze({ src: null, state: 'pending' })
const MAX_URLS_PER_CALL = 400

export class ImageResolver {
  private readonly known = new Map<string, ImageSrc>()
  /** The highest priority already sent to main for a URL that is not settled yet. */
  private readonly sent = new Map<string, Priority>()
  private readonly queued = { visible: new Set<string>(), background: new Set<string>() }
  private readonly listeners = new Map<string, Set<Listener>>()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly resolveImages: TidingsCalls['resolveImages'],
    private readonly gatherMs = 16
  ) {}

  get(url: string): ImageSrc {
    return this.known.get(url) ?? NO_IMAGE
  }

  subscribe(url: string, listener: Listener): () => void {
    let set = this.listeners.get(url)
    if (!set) this.listeners.set(url, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(url)
    }
  }

  /** Asks for a URL unless it is settled or already asked for at this priority or higher. */
  request(url: string, priority: Priority): void {
    const state = this.known.get(url)?.state
    if (state === 'cached' || state === 'failed') return
    const sentAs = this.sent.get(url)
    if (sentAs === 'visible' || sentAs === priority) return
    if (priority === 'visible') this.queued.background.delete(url)
    else if (this.queued.visible.has(url)) return
    this.queued[priority].add(url)
    if (!this.known.has(url)) this.set(url, PENDING)
    this.timer ??= setTimeout(() => this.flush(), this.gatherMs)
  }

  /**
   * Takes resolutions from a call's answer or an `images-ready` event. Only URLs the page has asked for or
   * watches are kept: main caches every image of every card (related items' too, ~18 a card), and keeping
   * each one it announced held ~530k entries and ~60 MB at 30k cards. A URL asked for later costs one call.
   */
  accept(items: readonly ImageResolution[]): void {
    for (const item of items) {
      if (!this.known.has(item.url) && !this.listeners.has(item.url)) continue
      if (item.state !== 'pending') this.sent.delete(item.url)
      const next: ImageSrc = item.state === 'pending' ? PENDING : Object.freeze({ src: item.src, state: item.state, ...(item.state === 'failed' && item.reason ? { reason: item.reason } : {}) })
      const current = this.known.get(item.url)
      if (current?.state === 'cached' && next.state !== 'cached') continue
      if (current?.src === next.src && current?.state === next.state) continue
      this.set(item.url, next)
    }
  }

  /** Asks again for everything still pending, e.g. after main restarted and forgot its queue. */
  retryPending(): void {
    const pending = [...this.sent.keys()]
    this.sent.clear()
    for (const url of pending) this.request(url, 'background')
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private flush(): void {
    this.timer = null
    for (const priority of ['visible', 'background'] as const) {
      const urls = [...this.queued[priority]]
      this.queued[priority].clear()
      for (const url of urls) this.sent.set(url, priority)
      for (let start = 0; start < urls.length; start += MAX_URLS_PER_CALL) {
        const chunk = urls.slice(start, start + MAX_URLS_PER_CALL)
        this.resolveImages({ urls: chunk, priority }).then(
          (items) => this.accept(items),
          // Main could not take them now; a later render or a resync asks again.
          () => {
            for (const url of chunk) if (this.sent.get(url) === priority) this.sent.delete(url)
          }
        )
      }
    }
  }

  private set(url: string, value: ImageSrc): void {
    this.known.set(url, value)
    const listeners = this.listeners.get(url)
    if (listeners) for (const listener of [...listeners]) listener()
  }
}
