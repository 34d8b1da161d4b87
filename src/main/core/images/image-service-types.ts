// The image cache's public face: what callers configure, ask and get back.
// Apart from image-service.ts so that the jobs it is composed of can read the
// options without importing the service.
import type { Card } from '../../../shared/card'
import type { ImageCacheStatus, ImageResolution, ManifestEntry } from '../../../shared/contract'
import type { DownloadTimeouts } from './fetch-image'
import type { HostHealthPolicy } from './host-health'
import type { FailureReason, RetryPolicy } from './retry-policy'

export const DEFAULT_LIMIT_BYTES = 2 * 1024 ** 3

export interface ImageServiceOptions {
  /** The cache folder (see imageCacheDir in core/data-dir.ts); created when missing. */
  cacheDir: string
  /** The URL the renderer loads a cached image from, e.g. `tidings-image://img/<hash>` or the host's `/image/<hash>?token=...`. */
  srcFor: (hash: string) => string
  /** Size cap of the cache; least recently used images of unstarred cards go first. Default 2 GB. */
  limitBytes?: number
  /** Downloads at once, in all. Default 8. */
  concurrency?: number
  /** Downloads at once from one host. Default 4. */
  perHost?: number
  timeouts?: Partial<DownloadTimeouts>
  /** Largest image accepted. Default 20 MB. */
  maxBytes?: number
  retry?: Partial<RetryPolicy>
  /** When a host that never answers is left alone for a while. */
  hostHealth?: Partial<HostHealthPolicy>
  /** A retry due later than this marks the image failed instead of waiting as pending. Default 60 s. */
  maxPendingRetryMs?: number
  fetch?: typeof fetch
  /** Images may come from loopback, private and link-local addresses (`--allow-private-images`); refused by default. */
  allowPrivateImages?: boolean
  /** How often onReady/onStatus listeners hear of changes. Default 150 ms. */
  notifyEveryMs?: number
  /** How soon index changes reach the disk. Default 500 ms. */
  indexFlushMs?: number
  /** How soon the tracked folder's cards reach the disk (longer for a big folder). Default 2 s. */
  trackingFlushMs?: number
}

export interface CachedImage {
  /** Always a plain file inside the cache folder. */
  filePath: string
  /** The sniffed type: image/jpeg, image/png, image/gif, image/webp or image/avif. */
  mime: string
  size: number
}

/** Everything the cache knows about one URL (for the CLI and diagnostics). */
export interface ImageDetails {
  url: string
  hash: string
  state: 'cached' | 'failed' | 'pending'
  mime?: string
  size?: number
  reason?: FailureReason
  detail?: string
  retryAt?: number
  attempts: number
  pinned: boolean
}

export interface ImageService {
  /**
   * Registers every image the cards name (removing those of `removedIds`) and downloads them in the background.
   * A new folder replaces the last one, starting from the cards saved for it (see restoreFolder). A big batch is
   * taken in slices, so the process keeps answering.
   */
  track(folder: string, cards: Card[], removedIds: string[]): void
  /**
   * Makes `folder` the tracked one with the cards saved for it on disk, so a restart with an unchanged folder
   * (no batch) still counts, downloads and protects its images. Given the renderer's manifest, saved cards it
   * does not hold are forgotten: no batch will ever remove them. Batches tracked after this call wait for it.
   */
  restoreFolder(folder: string, manifest?: readonly ManifestEntry[]): Promise<void>
  /** Images of these cards are never evicted. */
  setStarred(ids: string[]): void
  /** Cached URLs come back with a src; the rest are queued, `visible` ones ahead of everything. */
  resolve(urls: string[], priority: 'visible' | 'background'): Promise<ImageResolution[]>
  /** Counts for the tracked folder's images. */
  status(): ImageCacheStatus
  setLimit(bytes: number): void
  /** The user's setting: also allow private addresses (allowed anyway when the service was made with allowPrivateImages). */
  setAllowPrivateImages(allow: boolean): void
  /** Images that became cached or failed, in batches. Returns the unsubscribe function. */
  onReady(listener: (items: ImageResolution[]) => void): () => void
  onStatus(listener: (status: ImageCacheStatus) => void): () => void
  /** The cached file of a cache key; null for anything else, including malformed keys. */
  lookup(hash: string): Promise<CachedImage | null>
  /** Tries every failed image of the tracked folder again now (the CLI does on each run). */
  retryFailed(): void
  inspect(url: string): ImageDetails | null
  /** Resolves when nothing is downloading, queued or waiting for a quick retry. */
  whenIdle(): Promise<void>
  close(): Promise<void>
}
