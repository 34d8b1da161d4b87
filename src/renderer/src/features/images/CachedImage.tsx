// Every image in the reader goes through here: a neutral box of the image's
// own aspect ratio until main has cached the file, then the cached copy. A
// card's URL never reaches an <img src>; only the cache's answer does.
import { useState, type ReactNode } from 'react'
import { useImageSrc } from '../../data/hooks'
import { isCacheSrc } from './cache-src'

export interface CachedImageProps {
  url: string | null | undefined
  width?: number | null
  height?: number | null
  alt: string
  className?: string
  /** Used when the card gives no size. */
  fallbackRatio?: string
  /** Off-screen images are fetched after on-screen ones. */
  visible?: boolean
  /** The box is sized by CSS (a square thumbnail, say), so the image's own ratio is not applied. */
  fill?: boolean
}

export function CachedImage({ url, width, height, alt, className, fallbackRatio = '16 / 9', visible = true, fill = false }: CachedImageProps): ReactNode {
  const { src, state, reason } = useImageSrc(url, { visible })
  const ratio = width && height && width > 0 && height > 0 ? `${width} / ${height}` : fallbackRatio
  // A cached file the browser still cannot decode keeps the placeholder rather than a broken-image icon.
  const [broken, setBroken] = useState<string | null>(null)
  const loadable = src !== null && src !== broken && isCacheSrc(src, url)
  return (
    <span className={`cached-image${className ? ` ${className}` : ''}`} style={fill ? undefined : { aspectRatio: ratio }} data-state={loadable ? 'cached' : state} title={!loadable && state === 'failed' ? failureTitle(reason) : undefined}>
      {loadable ? <img src={src} alt={alt} decoding="async" draggable={false} onError={() => setBroken(src)} /> : null}
    </span>
  )
}

/** Said on hover over an image that is not offline: a refused private address says how to allow it. */
function failureTitle(reason: string | undefined): string {
  if (reason === 'private-address') return 'Image not downloaded: private address (allowed with --allow-private-images or the allowPrivateImages setting)'
  return `Image not downloaded${reason ? `: ${reason}` : ''}`
}
