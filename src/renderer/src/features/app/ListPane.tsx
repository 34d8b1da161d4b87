// The middle column: the count, the sort, "mark all read", and the list (or
// an empty state that says what to do).
import type { ReactNode, RefObject } from 'react'
import type { LibraryIndex } from '../filter/library-index'
import type { ListSort } from '../filter/run-filter'
import type { CardMarkState } from '../../data/types'
import { CardList, type RevealRequest } from '../list/CardList'
import { SearchScope } from '../search/SearchScope'
import { EmptyState } from './EmptyState'
import type { SearchScopeModel } from './use-reader-model'
import type { ShellStatus } from './use-shell-status'
import { formatCount } from '../ui/format-count'

const SORT_LABELS: Record<ListSort, string> = { best: 'Best match', newest: 'Newest first', oldest: 'Oldest first', quality: 'Highest quality', heat: 'Hottest' }

interface ListPaneProps {
  status: ShellStatus
  index: LibraryIndex
  matches: Int32Array
  unreadInView: number
  pending: boolean
  filtered: boolean
  sort: ListSort
  /** The search's scope; "Best match" and the narrowing are offered only while it is active. */
  search: SearchScopeModel
  states: ReadonlyMap<string, CardMarkState>
  selectedId: string | null
  reveal: RevealRequest | null
  view: object
  now: number
  listRef: RefObject<HTMLDivElement | null>
  onSort(sort: ListSort): void
  onSelect(id: string): void
  onMarkAllRead(): void
  onClear(): void
  onOpenFolder(): void
  onShowErrors(): void
  /** The Stories / Cards switch, first in the header. */
  modeSwitch?: ReactNode
  /** In Stories mode: the header's count, sort and actions, and the list, in place of the cards'. */
  stories?: { header: ReactNode; list: ReactNode }
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
  const { matches, sort, pending, unreadInView, search } = props
  const empty = emptyState(props)
  return (
    <>
      <div className="list-header">
        {props.modeSwitch}
        {props.stories ? (
          props.stories.header
        ) : (
          <>
            <span className="list-count" aria-busy={pending}>
              {`${formatCount(matches.length)} ${matches.length === 1 ? 'card' : 'cards'}`}
            </span>
            <select className="sort-select" aria-label="Sort" value={sort} onChange={(event) => props.onSort(event.target.value as ListSort)}>
              {(Object.keys(SORT_LABELS) as ListSort[]).filter((key) => key !== 'best' || search.active).map((key) => (
                <option key={key} value={key}>
                  {SORT_LABELS[key]}
                </option>
              ))}
            </select>
            <button type="button" className="button small" disabled={unreadInView === 0} aria-label="Mark all in this view as read" title="Mark all in this view as read" onClick={props.onMarkAllRead}>
              Mark all read
            </button>
          </>
        )}
      </div>
      {search.active && !props.stories ? <SearchScope ownOnly={search.ownOnly} counts={search.counts} onOwnOnly={search.setOwnOnly} /> : null}
      {empty ?? props.stories?.list ?? (
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
