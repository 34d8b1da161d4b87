// The reading pane: the open card in full. Card text is rendered as React text
// (escaped), the body through react-markdown without raw HTML, and a video
// card's featuredContent HTML is never used: its thumbnail links out instead.
import { lazy, Suspense, type ReactNode, type RefObject } from 'react'
import type { Card } from '../../../../shared/card'
import { CachedImage } from '../images/CachedImage'
import { useCardDetailState, useCardError, useCardState } from '../../data/hooks'
import { localDateTime, longRelative } from '../time/relative-time'
import { originalOf, videoUrlOf } from './external-url'
import { useAfterPaint } from '../ui/use-after-paint'

// react-markdown and its parsers are a large share of the page's script: evaluating them before the first
// rows made the list wait for a body nobody had opened yet. They load once the list shows rows.
const loadCardBody = () => import('./CardBody')
const CardBody = lazy(() => loadCardBody().then((module) => ({ default: module.CardBody })))

/** Starts loading the body renderer when the page is idle, so the first card opened need not wait for it. */
export function preloadCardBody(): void {
  const load = (): void => void loadCardBody()
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 })
  else setTimeout(load, 0)
}

interface ReadingPaneProps {
  selectedId: string | null
  /** undefined while loading, null when the card is gone. */
  card: Card | null | undefined
  now: number
  articleRef: RefObject<HTMLElement | null>
  onToggleRead(id: string): void
  onToggleStar(id: string): void
  onOpenExternal(url: string): void
  onTopic(topic: string): void
}

export function ReadingPane(props: ReadingPaneProps): ReactNode {
  const { selectedId, card } = props
  if (selectedId === null) {
    return (
      <div className="pane-empty">
        <p className="pane-empty-title">Choose a card to read it here.</p>
        <p>
          Press <kbd>j</kbd> and <kbd>k</kbd> to move through the list, <kbd>?</kbd> for every shortcut.
        </p>
      </div>
    )
  }
  if (card === undefined) return <CardLoading id={selectedId} />
  if (card === null) {
    return (
      <div className="pane-empty">
        <p className="pane-empty-title">This card is no longer in the folder.</p>
        <p>Its file was removed or renamed. Choose another card from the list.</p>
      </div>
    )
  }
  return <CardArticle {...props} card={card} />
}

/** Loading, or why loading failed (the host could not read the file and IndexedDB has no copy). */
function CardLoading({ id }: { id: string }): ReactNode {
  const detail = useCardDetailState(id)
  if (detail?.state !== 'failed') return <div className="pane-empty" aria-busy="true" />
  return (
    <div className="pane-empty" role="alert">
      <p className="pane-empty-title">{detail.message}</p>
      <p>Choose another card, or come back to this one to try again.</p>
    </div>
  )
}

function CardArticle({ card, now, articleRef, onToggleRead, onToggleStar, onOpenExternal, onTopic }: ReadingPaneProps & { card: Card }): ReactNode {
  const state = useCardState(card.id)
  const error = useCardError(card.id)
  const original = originalOf(card)
  const isVideo = card.type === 'video'
  const video = isVideo ? videoUrlOf(card) : null
  const image = card.images[0]
  const excerpt = card.excerpt.trim()
  const provider = card.provider
  const titleId = 'reading-title'
  // react-markdown parses the whole body at once: a long one held the click's frame, title and all. It waits
  // for a second paint, after the related sidebar's rest (use-after-paint.ts), so neither holds the other.
  const bodyShown = useAfterPaint(card.id, 2)

  return (
    <article className="card-article" aria-labelledby={titleId} ref={articleRef} tabIndex={-1}>
      <header className="article-header">
        {provider ? (
          <p className="article-provider">
            {provider.logo ? <CachedImage url={provider.logo.url} width={20} height={20} alt="" className="provider-logo" fallbackRatio="1 / 1" /> : null}
            <span className="article-provider-name">{provider.name || provider.domain}</span>
            {provider.domain && provider.name && provider.domain !== provider.name ? <span className="article-provider-domain">{provider.domain}</span> : null}
          </p>
        ) : null}
        <h1 id={titleId} className="article-title">
          {card.title}
        </h1>
        <p className="article-dates">
          {card.publishedAtMs !== null ? (
            <>
              <time dateTime={card.publishedAt ?? undefined}>{localDateTime(card.publishedAtMs)}</time>
              <span className="article-relative">{longRelative(card.publishedAtMs, now)}</span>
            </>
          ) : (
            <span>No publication date</span>
          )}
          {card.quality !== null ? <span className="badge">Quality {card.quality}</span> : null}
          {isVideo ? <span className="badge">Video</span> : null}
        </p>
        <div className="article-actions" role="toolbar" aria-label="Card actions">
          <button type="button" className="button primary" disabled={!original} onClick={() => original && onOpenExternal(original)} title={original ?? 'This card has no web address'}>
            Open original
          </button>
          <button type="button" className="button" onClick={() => onToggleRead(card.id)}>
            {state.read ? 'Mark as unread' : 'Mark as read'}
          </button>
          <button type="button" className={`button${state.starred ? ' is-starred' : ''}`} onClick={() => onToggleStar(card.id)}>
            <span aria-hidden="true">{state.starred ? '★ ' : '☆ '}</span>
            {state.starred ? 'Unstar' : 'Star'}
          </button>
        </div>
        {error ? (
          <p className="card-error" role="note">
            The file {error.path} could not be read after its last change ({error.message}). This is its last good version.
          </p>
        ) : null}
      </header>

      {isVideo ? (
        <figure className="article-video">
          {image ? <CachedImage url={image.url} width={image.width} height={image.height} alt="" /> : <span className="video-placeholder" />}
          {video ? (
            <a
              className="button primary video-link"
              href={video}
              rel="noreferrer noopener"
              onClick={(event) => {
                event.preventDefault()
                onOpenExternal(video)
              }}
            >
              <span aria-hidden="true">▶ </span>Open video
            </a>
          ) : null}
        </figure>
      ) : image ? (
        <figure className="article-image">
          <CachedImage url={image.url} width={image.width} height={image.height} alt={image.title ?? ''} />
          {image.title || image.attribution ? <figcaption>{[image.title, image.attribution].filter(Boolean).join(' · ')}</figcaption> : null}
        </figure>
      ) : null}

      {excerpt && excerpt !== 'NA' ? <p className="article-excerpt">{excerpt}</p> : null}
      {bodyShown && card.body.trim() ? (
        <Suspense fallback={null}>
          <CardBody markdown={card.body} />
        </Suspense>
      ) : null}

      {card.topics.length > 0 ? (
        <nav className="article-topics" aria-label="Topics">
          <ul>
            {card.topics.map((topic) => (
              <li key={topic}>
                <button type="button" className="topic-link" onClick={() => onTopic(topic)} title={`Show every card on ${topic}`}>
                  {topic}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </article>
  )
}
