// The card list: a single-select listbox named "Cards", virtualized so only a
// screenful of rows (plus a few) exists in the DOM whatever the folder's size.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef, type ReactNode, type RefObject } from 'react'
import type { CardRow } from '../../db/database'
import type { LibraryIndex } from '../filter/library-index'
import { providerLabel } from '../filter/library-index'
import { CachedImage } from '../images/CachedImage'
import { useLibrary } from '../../data/library-context'
import { useReadAhead } from '../../data/hooks'
import type { CardMarkState } from '../../data/types'
import { newCoverageOf } from '../stories/story-rows'
import { shortRelative } from '../time/relative-time'
import { positionOf } from './navigation'

export const ROW_HEIGHT = 96

export interface RevealRequest {
  id: string
  /** Bumped to ask again for the same card. */
  seq: number
}

interface CardListProps {
  index: LibraryIndex
  matches: Int32Array
  /** Mutated in place by the store; a changed mark is a new object, so only that row re-renders. */
  states: ReadonlyMap<string, CardMarkState>
  selectedId: string | null
  reveal: RevealRequest | null
  /** Changes when the search, filters or sort change: the list then shows the selected card, or its top. */
  view: object
  now: number
  onSelect(id: string): void
  listRef: RefObject<HTMLDivElement | null>
}

export const optionId = (row: number): string => `card-option-${row}`

export function CardList({ index, matches, states, selectedId, reveal, view, now, onSelect, listRef }: CardListProps): ReactNode {
  // Its functions change every render; nothing here memoizes around them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: matches.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (position) => index.rows[matches[position]]?.id ?? position
  })
  const virtualItems = virtualizer.getVirtualItems()
  useReadAhead(virtualItems.map((item) => index.rows[matches[item.index]]?.id).filter((id): id is string => id !== undefined))
  const selectedRow = selectedId === null ? undefined : index.indexById.get(selectedId)
  const selectedListed = selectedRow !== undefined && matches.includes(selectedRow)

  const revealed = useRef<RevealRequest | null>(null)
  useEffect(() => {
    if (!reveal || revealed.current === reveal) return
    const position = positionOf(index, matches, reveal.id)
    if (position === -1) return
    revealed.current = reveal
    virtualizer.scrollToIndex(position, { align: 'auto' })
  }, [reveal, index, matches, virtualizer])

  const shownView = useRef(view)
  useEffect(() => {
    if (shownView.current === view) return
    shownView.current = view
    const position = selectedId === null ? -1 : positionOf(index, matches, selectedId)
    if (position === -1) virtualizer.scrollToOffset(0)
    else virtualizer.scrollToIndex(position, { align: 'auto' })
  }, [view, selectedId, index, matches, virtualizer])

  return (
    <div
      ref={listRef}
      className="card-list"
      role="listbox"
      aria-label="Cards"
      tabIndex={0}
      aria-activedescendant={selectedListed ? optionId(selectedRow) : undefined}
    >
      <div role="presentation" className="card-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((item) => {
          const rowIndex = matches[item.index]
          const row = index.rows[rowIndex]
          if (!row) return null
          return (
            <CardOption
              key={item.key}
              rowIndex={rowIndex}
              row={row}
              state={states.get(row.id)}
              selected={row.id === selectedId}
              position={item.index}
              setSize={matches.length}
              top={item.start}
              now={now}
              onSelect={onSelect}
            />
          )
        })}
      </div>
    </div>
  )
}

interface CardOptionProps {
  rowIndex: number
  row: CardRow
  state: CardMarkState | undefined
  selected: boolean
  position: number
  setSize: number
  top: number
  now: number
  onSelect(id: string): void
}

const CardOption = memo(function CardOption({ rowIndex, row, state, selected, position, setSize, top, now, onSelect }: CardOptionProps): ReactNode {
  const id = optionId(rowIndex)
  const read = state?.read === true
  const starred = state?.starred === true
  const provider = providerLabel(row)
  const when = shortRelative(row.publishedAtMs, now)
  // `state` changes with the card's mark, `row` with a rewrite: both re-render this row.
  const { store } = useLibrary()
  const fresh = read ? newCoverageOf([row], (id) => store.mark(id)).count : 0
  const description = [provider, when, read ? 'read' : 'unread', starred ? 'starred' : null, row.type === 'video' ? 'video' : null, fresh > 0 ? `${fresh} new` : null].filter(Boolean).join(', ')
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      aria-posinset={position + 1}
      aria-setsize={setSize}
      className={`card-option${read ? ' is-read' : ''}${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => onSelect(row.id)}
    >
      <span className="card-option-marks" aria-hidden="true">
        {read ? null : <span className="unread-dot" />}
        {starred ? <span className="star-mark">★</span> : null}
      </span>
      <span className="card-option-text">
        <span className="card-option-meta">
          {row.providerLogo ? <CachedImage url={row.providerLogo} width={16} height={16} alt="" className="provider-logo" fallbackRatio="1 / 1" /> : null}
          <span className="card-option-provider">{provider}</span>
          <span className="card-option-date">{when}</span>
          {fresh > 0 ? <span className="new-badge">+{fresh} new</span> : null}
        </span>
        <span className="card-option-title" id={`${id}-title`}>
          {row.title}
        </span>
        {row.topics.length > 0 ? <span className="card-option-topics">{row.topics.join(' · ')}</span> : null}
        <span className="visually-hidden" id={`${id}-desc`}>
          {description}
        </span>
      </span>
      {row.thumbnail ? (
        <CachedImage url={row.thumbnail.url} width={row.thumbnail.width} height={row.thumbnail.height} alt="" className="card-option-thumb" fill />
      ) : null}
    </div>
  )
})
