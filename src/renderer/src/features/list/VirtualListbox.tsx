// The shell the Cards and Stories lists share: a single-select listbox,
// virtualized so only a screenful of rows (plus a few) exists in the DOM, and
// its options' ARIA (position, set size, label, description), layout and
// thumbnail. Each list fills in its own marks, meta line and description.
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type ReactNode, type RefObject } from 'react'
import type { CardRow } from '../../db/database'
import { CachedImage } from '../images/CachedImage'
import { offsetToShow } from './scroll-offset'

export const ROW_HEIGHT = 96

export interface RevealRequest {
  /** A card id in the Cards list, a story's anchor in the Stories list. */
  id: string
  /** Bumped to ask again for the same card. */
  seq: number
}

export type ListVirtualizer = Virtualizer<HTMLDivElement, Element>

/**
 * `keyAt` names the item at a position. Every row has the same height, so the Cards list leaves it out: the
 * virtualizer redoes its measurements (one `keyAt` call per item, 100k at 100k cards) whenever the key function
 * or the count changes, and a key function made in each render meant that work on every render of the app.
 */
export function useListVirtualizer(count: number, listRef: RefObject<HTMLDivElement | null>, keyAt?: (position: number) => string | number): ListVirtualizer {
  // Its functions change every render; nothing here memoizes around them.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useVirtualizer({ count, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: unmeasuredRect(), ...(keyAt ? { getItemKey: keyAt } : {}) })
}

/**
 * The list's size until it is measured: as tall as the window, which it never exceeds. The first render then
 * already holds the first screenful of rows; with the virtualizer's default (0 high) the list was empty until
 * its layout effect measured it and a second render of the list added the rows.
 */
export function unmeasuredRect(): { width: number; height: number } {
  return { width: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight }
}

/**
 * Scrolls the list just enough to show the row at `position` (the top for -1), by offset, once: every row is
 * ROW_HEIGHT high, so neither the forced layout nor the frame-by-frame re-checks of scrollToIndex are needed.
 * The virtualizer follows the scroll event.
 */
export function showPosition(virtualizer: ListVirtualizer, position: number): void {
  const element = virtualizer.scrollElement
  if (!element) return
  const offset = offsetToShow(position, ROW_HEIGHT, { scrollTop: virtualizer.scrollOffset ?? element.scrollTop, height: virtualizer.scrollRect?.height ?? element.clientHeight })
  if (offset !== null) element.scrollTop = offset
}

/** Scrolls to the row asked for, once per request (j/k, a card opened from the sidebar). */
export function useReveal(reveal: RevealRequest | null, positionOf: (id: string) => number, virtualizer: ListVirtualizer): void {
  const revealed = useRef<RevealRequest | null>(null)
  useEffect(() => {
    if (!reveal || revealed.current === reveal) return
    const position = positionOf(reveal.id)
    if (position === -1) return
    revealed.current = reveal
    showPosition(virtualizer, position)
  })
}

interface VirtualListboxProps {
  label: string
  listRef: RefObject<HTMLDivElement | null>
  virtualizer: ListVirtualizer
  /** The selected option's element id, when it is listed. */
  activeId: string | undefined
  /** The option at a position, placed at `top`, or null when there is none. */
  renderOption(position: number, top: number, key: string | number | bigint): ReactNode
}

export function VirtualListbox({ label, listRef, virtualizer, activeId, renderOption }: VirtualListboxProps): ReactNode {
  return (
    <div ref={listRef} className="card-list" role="listbox" aria-label={label} tabIndex={0} aria-activedescendant={activeId}>
      <div role="presentation" className="card-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => renderOption(item.index, item.start, item.key))}
      </div>
    </div>
  )
}

interface ListOptionProps {
  id: string
  selected: boolean
  read: boolean
  /** Zero-based position in the list, and the list's length. */
  position: number
  setSize: number
  top: number
  /** Extra class names after "card-option". */
  kind?: string
  /** Data attributes, such as data-story. */
  data?: Record<`data-${string}`, string>
  marks: ReactNode
  meta: ReactNode
  title: string
  /** A line under the title (topics). */
  below?: ReactNode
  /** What a screen reader says after the title. */
  description: string
  thumbnail: CardRow['thumbnail']
  onClick(): void
}

export function ListOption({ id, selected, read, position, setSize, top, kind, data, marks, meta, title, below, description, thumbnail, onClick }: ListOptionProps): ReactNode {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      aria-posinset={position + 1}
      aria-setsize={setSize}
      {...data}
      className={`card-option${kind ? ` ${kind}` : ''}${read ? ' is-read' : ''}${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={onClick}
    >
      <span className="card-option-marks" aria-hidden="true">
        {marks}
      </span>
      <span className="card-option-text">
        <span className="card-option-meta">{meta}</span>
        <span className="card-option-title" id={`${id}-title`}>
          {title}
        </span>
        {below}
        <span className="visually-hidden" id={`${id}-desc`}>
          {description}
        </span>
      </span>
      {thumbnail ? <CachedImage url={thumbnail.url} width={thumbnail.width} height={thumbnail.height} alt="" className="card-option-thumb" fill /> : null}
    </div>
  )
}
