// The middle column: the count, the sort, "mark all read", and the list (or
// an empty state that says what to do).
import type { ReactNode, RefObject } from 'react'
import type { LibraryIndex, SortKey } from '../filter/library-index'
import type { CardMarkState, LibraryStatus } from '../../data/types'
import { CardList, type RevealRequest } from '../list/CardList'
import { EmptyState } from './EmptyState'

const SORT_LABELS: Record<SortKey, string> = { newest: 'Newest first', oldest: 'Oldest first', quality: 'Highest quality', heat: 'Hottest' }

interface ListPaneProps {
  status: LibraryStatus
  index: LibraryIndex
  matches: Int32Array
  unreadInView: number
  pending: boolean
  filtered: boolean
  sort: SortKey
  states: ReadonlyMap<string, CardMarkState>
  selectedId: string | null
  reveal: RevealRequest | null
  view: object
  now: number
  listRef: RefObject<HTMLDivElement | null>
  onSort(sort: SortKey): void
  onSelect(id: string): void
  onMarkAllRead(): void
  onClear(): void
  onOpenFolder(): void
  onShowErrors(): void
}

function emptyState(props: ListPaneProps): ReactNode | null {
  const { status, index, matches } = props
  if (status.phase === 'no-folder') {
    return (
      <EmptyState title="No folder open" action={{ label: 'Open a folder…', run: props.onOpenFolder }}>
        <p>Choose a folder of news cards (.md files) to start reading. Tidings follows it as files change.</p>
      </EmptyState>
    )
  }
  if (index.liveCount === 0) {
    if (status.phase !== 'ready') return <EmptyState title="Reading the folder…" />
    return (
      <EmptyState title="This folder has no cards yet" action={{ label: 'Open another folder…', run: props.onOpenFolder }}>
        <p>
          Add card files (.md) to <code>{status.folder}</code>; they appear here as soon as they are saved.
        </p>
        {status.errorCount > 0 ? (
          <p>
            {status.errorCount === 1 ? 'One file' : `${status.errorCount} files`} could not be read.{' '}
            <button type="button" className="link-button" onClick={props.onShowErrors}>
              See why
            </button>
          </p>
        ) : null}
      </EmptyState>
    )
  }
  if (matches.length === 0) {
    return (
      <EmptyState title="No cards match" action={props.filtered ? { label: 'Clear search and filters', run: props.onClear } : undefined}>
        <p>Nothing in this folder fits the search and filters. Loosen a filter or clear them all (Esc).</p>
      </EmptyState>
    )
  }
  return null
}

export function ListPane(props: ListPaneProps): ReactNode {
  const { matches, sort, pending, unreadInView } = props
  const empty = emptyState(props)
  return (
    <>
      <div className="list-header">
        <span className="list-count" aria-busy={pending}>
          {`${matches.length.toLocaleString()} ${matches.length === 1 ? 'card' : 'cards'}`}
        </span>
        <select className="sort-select" aria-label="Sort" value={sort} onChange={(event) => props.onSort(event.target.value as SortKey)}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
        <button type="button" className="button small" disabled={unreadInView === 0} aria-label="Mark all in this view as read" title="Mark all in this view as read" onClick={props.onMarkAllRead}>
          Mark all read
        </button>
      </div>
      {empty ?? (
        <CardList
          index={props.index}
          matches={matches}
          states={props.states}
          selectedId={props.selectedId}
          reveal={props.reveal}
          view={props.view}
          now={props.now}
          onSelect={props.onSelect}
          listRef={props.listRef}
        />
      )}
    </>
  )
}
