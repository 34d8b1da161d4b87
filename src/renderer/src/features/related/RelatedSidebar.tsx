// Other outlets' coverage of the open card: each piece with its outlet, its
// time relative to the card, its quality and a way to read it, and "In your
// folder" when the piece is itself a card here, which opens that card in place.
import { memo, useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react'
import type { Card, RelatedItem } from '../../../../shared/card'
import type { CardRow } from '../../db/database'
import { CachedImage } from '../images/CachedImage'
import { useRelatedInFolder } from '../../data/hooks'
import { externalUrl } from '../reading/external-url'
import { localDateTime, signedOffset, spanLabel } from '../time/relative-time'
import { chronologicalOrder, outletName, summarizeCoverage } from './related-summary'
import { RelatedTimeline } from './RelatedTimeline'
import { useAfterPaint } from '../ui/use-after-paint'

/**
 * Items drawn in the click's own frame. A related-heavy card carries up to 179, each with an image: drawn
 * at once they were most of a click's time to paint, while the sidebar shows about this many.
 */
const FIRST_ITEMS = 12

interface RelatedSidebarProps {
  card: Card | null | undefined
  onOpenCard(id: string): void
  onOpenExternal(url: string): void
}

/** A callback that keeps its identity while calling the newest `callback`, so memoized entries skip re-rendering. */
function useStableCallback<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  const latest = useRef(callback)
  useEffect(() => {
    latest.current = callback
  })
  return useCallback((...args: A) => latest.current(...args), [])
}

export function RelatedSidebar({ card, onOpenCard: openCard, onOpenExternal: openExternal }: RelatedSidebarProps): ReactNode {
  // The app re-renders on every status change during a sync; a card's hundred entries must not follow.
  const onOpenCard = useStableCallback(openCard)
  const onOpenExternal = useStableCallback(openExternal)
  const related = card?.related
  const inFolder = useRelatedInFolder(related, card?.id ?? null)
  const summary = useMemo(() => (card ? summarizeCoverage(card, card.related) : null), [card])
  const order = useMemo(() => (related ? chronologicalOrder(related) : []), [related])
  const allItems = useAfterPaint(card?.id ?? null)
  const shown = allItems ? order : order.slice(0, FIRST_ITEMS)

  if (!card || !summary) {
    return (
      <div className="related-empty">
        <h2 className="related-heading">Related coverage</h2>
        <p>Open a card to see how other outlets covered the story.</p>
      </div>
    )
  }
  const others = summary.outlets - 1
  return (
    <>
      <header className="related-header">
        <h2 className="related-heading">Related coverage</h2>
        <p className="related-summary">
          {card.related.length === 0
            ? 'No other coverage of this story yet.'
            : `${summary.outlets} ${summary.outlets === 1 ? 'outlet' : 'outlets'}${summary.spanMs !== null ? ` over ${spanLabel(summary.spanMs)}` : ''}${others === 0 ? ' (this outlet only)' : ''}`}
        </p>
      </header>
      <RelatedTimeline summary={summary} cardAtMs={card.publishedAtMs} />
      {card.related.length > 0 ? (
        <ol className="related-list" aria-label="Related items" aria-busy={shown.length < order.length || undefined} data-items={order.length}>
          {shown.map((itemIndex) => (
            <RelatedEntry
              key={itemIndex}
              id={`related-${itemIndex}`}
              item={card.related[itemIndex]}
              cardAtMs={card.publishedAtMs}
              inFolder={inFolder?.[itemIndex] ?? null}
              onOpenCard={onOpenCard}
              onOpenExternal={onOpenExternal}
            />
          ))}
        </ol>
      ) : null}
    </>
  )
}

interface RelatedEntryProps {
  id: string
  item: RelatedItem
  cardAtMs: number | null
  inFolder: CardRow | null
  onOpenCard(id: string): void
  onOpenExternal(url: string): void
}

const RelatedEntry = memo(function RelatedEntry({ id, item, cardAtMs, inFolder, onOpenCard, onOpenExternal }: RelatedEntryProps): ReactNode {
  const outlet = outletName(item.provider)
  const url = externalUrl(item.webUrl) ?? externalUrl(item.ampWebUrl) ?? externalUrl(item.cdnAmpWebUrl)
  const image = item.images[0]
  const titleId = `${id}-title`
  const excerpt = item.excerpt.trim()
  return (
    <li className="related-item">
      <article aria-labelledby={titleId}>
        <p className="related-meta">
          {item.provider?.logo ? <CachedImage url={item.provider.logo.url} width={16} height={16} alt="" className="provider-logo" fallbackRatio="1 / 1" visible={false} /> : null}
          <span className="related-outlet">{outlet}</span>
          {item.publishedAtMs !== null ? (
            <time className="related-offset" dateTime={item.publishedAt ?? undefined} title={localDateTime(item.publishedAtMs)}>
              {cardAtMs !== null ? signedOffset(item.publishedAtMs, cardAtMs) : localDateTime(item.publishedAtMs)}
            </time>
          ) : null}
          {item.quality !== null ? <span className="related-quality">Quality {item.quality}</span> : null}
        </p>
        <div className="related-body">
          <div className="related-text">
            <h3 className="related-title" id={titleId}>
              {item.title}
            </h3>
            {excerpt && excerpt !== 'NA' ? <p className="related-excerpt">{excerpt}</p> : null}
          </div>
          {image ? <CachedImage url={image.url} width={image.width} height={image.height} alt="" className="related-thumb" fill visible={false} /> : null}
        </div>
        <p className="related-actions">
          {inFolder ? (
            <button type="button" className="button small in-folder" aria-describedby={titleId} onClick={() => onOpenCard(inFolder.id)}>
              In your folder
            </button>
          ) : null}
          {url ? (
            <a
              className="related-link"
              href={url}
              rel="noreferrer noopener"
              aria-label={`Open original at ${outlet}`}
              onClick={(event) => {
                event.preventDefault()
                onOpenExternal(url)
              }}
            >
              Read original <span aria-hidden="true">↗</span>
            </a>
          ) : null}
        </p>
      </article>
    </li>
  )
})
