// The card list: a single-select listbox named "Cards" (the shell in
// VirtualListbox.tsx), one option per card in the view.
import { memo, useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react'
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
import { ListOption, showPosition, useListVirtualizer, useReveal, VirtualListbox, type RevealRequest } from './VirtualListbox'

export { ROW_HEIGHT, type RevealRequest } from './VirtualListbox'

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
  const virtualizer = useListVirtualizer(matches.length, listRef)
  useReadAhead(virtualizer.getVirtualItems().map((item) => index.rows[matches[item.index]]?.id).filter((id): id is string => id !== undefined))
  const selectedRow = selectedId === null ? undefined : index.indexById.get(selectedId)
  const selectedListed = useMemo(() => selectedRow !== undefined && matches.includes(selectedRow), [matches, selectedRow])

  useReveal(reveal, (id) => positionOf(index, matches, id), virtualizer)

  const shownView = useRef(view)
  useEffect(() => {
    if (shownView.current === view) return
    shownView.current = view
    showPosition(virtualizer, selectedId === null ? -1 : positionOf(index, matches, selectedId))
  }, [view, selectedId, index, matches, virtualizer])

  return (
    <VirtualListbox
      label="Cards"
      listRef={listRef}
      virtualizer={virtualizer}
      activeId={selectedListed && selectedRow !== undefined ? optionId(selectedRow) : undefined}
      renderOption={(position, top) => {
        const rowIndex = matches[position]
        const row = index.rows[rowIndex]
        if (!row) return null
        return (
          <CardOption
            // By card, not position: rows a sync adds above move the others down without remaking them.
            key={row.id}
            rowIndex={rowIndex}
            row={row}
            state={states.get(row.id)}
            selected={row.id === selectedId}
            position={position}
            setSize={matches.length}
            top={top}
            now={now}
            onSelect={onSelect}
          />
        )
      }}
    />
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
  const read = state?.read === true
  const starred = state?.starred === true
  const provider = providerLabel(row)
  const when = shortRelative(row.publishedAtMs, now)
  // `state` changes with the card's mark, `row` with a rewrite: both re-render this row.
  const { store } = useLibrary()
  const fresh = read ? newCoverageOf([row], (id) => store.mark(id)).count : 0
  const description = [provider, when, read ? 'read' : 'unread', starred ? 'starred' : null, row.type === 'video' ? 'video' : null, fresh > 0 ? `${fresh} new` : null].filter(Boolean).join(', ')
  return (
    <ListOption
      id={optionId(rowIndex)}
      selected={selected}
      read={read}
      position={position}
      setSize={setSize}
      top={top}
      marks={
        <>
          {read ? null : <span className="unread-dot" />}
          {starred ? <span className="star-mark">★</span> : null}
        </>
      }
      meta={
        <>
          {row.providerLogo ? <CachedImage url={row.providerLogo} width={16} height={16} alt="" className="provider-logo" fallbackRatio="1 / 1" /> : null}
          <span className="card-option-provider">{provider}</span>
          <span className="card-option-date">{when}</span>
          {fresh > 0 ? <span className="new-badge">+{fresh} new</span> : null}
        </>
      }
      title={row.title}
      below={row.topics.length > 0 ? <span className="card-option-topics">{row.topics.join(' · ')}</span> : null}
      description={description}
      thumbnail={row.thumbnail}
      onClick={() => onSelect(row.id)}
    />
  )
})
