// The reader's state (search, filters, sort, the open card) and what follows
// from it (the listed cards and every count). Typing and clicking update the
// inputs at once; a quick filter pass answers in the same frame, a slow one
// (100k rows) runs as a deferred render so the search box never waits for it.
import { useDeferredValue, useEffect, useMemo, useState } from 'react'
import type { CardRow } from '../../db/database'
import { useCardStates, useCurrentFolder, useLibraryPhase, useLibraryRows } from '../../data/hooks'
import { useLibrary } from '../../data/library-context'
import { buildStateFlags, type LibraryIndex, type SortKey, type StateFlags, type StateLookup } from '../filter/library-index'
import { stateFlagsAfter, updateLibraryIndex } from '../filter/update-index'
import { EMPTY_FILTERS, hasActiveFilters, runFilter, type FilterResult, type FilterState, type ListSort } from '../filter/run-filter'
import { parseQuery, type ParsedQuery } from '../search/parse-query'
import { useThrottledValue } from './use-throttled-value'
import { rebuildIntervalMs } from './rebuild-interval'

/**
 * A filter pass that last took at most this long runs in the render of the click or key itself. Deferred, it
 * could wait behind a sync: each batch's status or rows signal is an urgent render that restarts a deferred one.
 */
const INSTANT_PASS_MS = 25
/** A deferred pass that has lagged this long (restarted by signal after signal) is taken in the next render instead. */
const MAX_LAG_MS = 250

/** What the store tells of its changes (LibraryStore). */
interface RowChanges {
  changeMark(): number
  changesSince(mark: number): readonly string[] | null
}

/** The last index built over each store's row map and the store's change mark then, so the next one patches it with the ids changed since. */
const lastIndex = new WeakMap<ReadonlyMap<string, CardRow>, { index: LibraryIndex; mark: number }>()

function indexOf(rows: ReadonlyMap<string, CardRow>, changes: RowChanges): LibraryIndex {
  const last = lastIndex.get(rows)
  const mark = changes.changeMark()
  const index = updateLibraryIndex(last?.index ?? null, rows, last ? changes.changesSince(last.mark) : null)
  lastIndex.set(rows, { index, mark })
  return index
}

/** The flags made last over each store's rows: the index and the marks' version they were made for. */
const lastFlags = new WeakMap<ReadonlyMap<string, CardRow>, { index: LibraryIndex; statesVersion: number; flags: StateFlags }>()

/** Read and star flags for `index`, carried from the last ones when only the rows moved on (not the marks). */
function flagsOf(rows: ReadonlyMap<string, CardRow>, index: LibraryIndex, states: StateLookup, statesVersion: number): StateFlags {
  const last = lastFlags.get(rows)
  const flags = last?.statesVersion === statesVersion ? stateFlagsAfter(last.index, last.flags, index, states) : buildStateFlags(index, states)
  lastFlags.set(rows, { index, statesVersion, flags })
  return flags
}

/** What one filter pass reads. */
interface FilterInputs {
  index: LibraryIndex
  flags: StateFlags
  parsed: ParsedQuery
  filters: FilterState
  sort: ListSort
  ownOnly: boolean
  keepRow: number
}

interface FilterRun {
  inputs: FilterInputs
  result: FilterResult
  ms: number
}

/** The last filter pass over each store's rows (see filterOnce). */
const lastRunByRows = new WeakMap<ReadonlyMap<string, CardRow>, FilterRun>()
/** Since when each store's deferred pass has lagged behind the inputs. */
const laggingSince = new WeakMap<ReadonlyMap<string, CardRow>, number>()

/** How long the deferred pass over `rows` has lagged, 0 when it does not. A commit that caught up resets it. */
function lagOf(rows: ReadonlyMap<string, CardRow>, lagging: boolean): number {
  if (!lagging) return 0
  const now = performance.now()
  const since = laggingSince.get(rows) ?? now
  laggingSince.set(rows, since)
  return now - since
}

const differs = (a: FilterInputs, b: FilterInputs): boolean => (Object.keys(a) as Array<keyof FilterInputs>).some((key) => a[key] !== b[key])

/**
 * The filter pass for `inputs`, reused while they are the same. Kept beside the rows rather than in a
 * memo: a deferred render that a sync's signal interrupts is thrown away with its memos, and the
 * restarted render would pay for the pass again.
 */
function filterOnce(rows: ReadonlyMap<string, CardRow>, inputs: FilterInputs): FilterResult {
  const last = lastRunByRows.get(rows)
  if (last !== undefined && (Object.keys(inputs) as Array<keyof FilterInputs>).every((key) => last.inputs[key] === inputs[key])) return last.result
  const started = performance.now()
  const { index, flags, parsed, filters, sort, ownOnly, keepRow } = inputs
  const result = runFilter(index, flags, parsed, filters, { sort, ownOnly, keepRow })
  lastRunByRows.set(rows, { inputs, result, ms: performance.now() - started })
  return result
}

export interface SearchScopeModel {
  /** The query has words to find (not only filters or exclusions). */
  active: boolean
  /** Only cards whose own title or excerpt holds the words. */
  ownOnly: boolean
  /** Cards matching the words anywhere, and in the card itself. */
  counts: { all: number; own: number }
  setOwnOnly(ownOnly: boolean): void
}

export interface ReaderModel {
  index: LibraryIndex
  flags: StateFlags
  query: string
  parsed: ParsedQuery
  filters: FilterState
  /** The sort chosen outside a search (what a saved view keeps). */
  sort: SortKey
  /** The list's order now: while searching, "best" unless the user picked another during the search. */
  listSort: ListSort
  /** The free-text search and how far its matches are narrowed. */
  search: SearchScopeModel
  selectedId: string | null
  /** The listed cards and the counts, for the inputs as they were at the last finished pass. */
  result: FilterResult
  /** A newer pass is being computed. */
  pending: boolean
  /** Changes identity when the search, filters or sort behind `result` change (not when the library does). */
  resultView: object
  setQuery(query: string): void
  setFilters(update: (current: FilterState) => FilterState): void
  setSort(sort: SortKey): void
  setListSort(sort: ListSort): void
  select(id: string | null): void
  applyView(view: { query: string; filters: FilterState; sort: SortKey }): void
  clear(): void
}

export function useReaderModel(): ReaderModel {
  const { store } = useLibrary()
  const { rows, version } = useLibraryRows()
  const { states, version: statesVersion } = useCardStates()
  const folder = useCurrentFolder()
  const [query, setQuery] = useState('')
  const [filters, setFilterState] = useState<FilterState>(EMPTY_FILTERS)
  // A new index means a full text pass and facet count over every row (see rebuildIntervalMs).
  const narrowed = query.trim() !== '' || hasActiveFilters(filters)
  const syncing = useLibraryPhase() !== 'ready'
  const rowsVersion = useThrottledValue(version, rebuildIntervalMs({ rows: rows.size, narrowed, syncing }))
  // The store mutates its map in place; the version says when it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const index = useMemo(() => indexOf(rows, store), [rows, store, rowsVersion])
  const flags = useMemo(() => flagsOf(rows, index, states, statesVersion), [rows, index, states, statesVersion])

  const [sort, setSort] = useState<SortKey>('newest')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [shownFolder, setShownFolder] = useState(folder)
  if (shownFolder !== folder) {
    setShownFolder(folder)
    // The host's newest cards are listed before the folder is known: a card clicked then stays open.
    if (shownFolder !== null) setSelectedId(null)
  }

  const parsed = useMemo(() => parseQuery(query), [query])
  const searching = parsed.terms.some((term) => term.kind === 'text' && !term.negate)
  const [searchSort, setSearchSort] = useState<ListSort>('best')
  const [ownOnly, setOwnOnly] = useState(false)
  const [wasSearching, setWasSearching] = useState(searching)
  if (wasSearching !== searching) {
    // A new search starts ranked by best match, over every match.
    setWasSearching(searching)
    setSearchSort('best')
    setOwnOnly(false)
  }
  const listSort: ListSort = searching ? searchSort : sort
  // The open card stays listed while reading it changes its read or star state.
  const dependsOnState = filters.unreadOnly || filters.starredOnly || parsed.terms.some((term) => term.kind === 'is')
  const keepRow = dependsOnState && selectedId !== null ? (index.indexById.get(selectedId) ?? -1) : -1

  const current: FilterInputs = { index, flags, parsed, filters, sort: listSort, ownOnly, keepRow }
  const deferred: FilterInputs = {
    index: useDeferredValue(index),
    flags: useDeferredValue(flags),
    parsed: useDeferredValue(parsed),
    filters: useDeferredValue(filters),
    sort: useDeferredValue(listSort),
    ownOnly: useDeferredValue(ownOnly),
    keepRow: useDeferredValue(keepRow)
  }
  const lastRun = lastRunByRows.get(rows)
  const lagging = differs(deferred, current)
  const lag = lagOf(rows, lagging)
  useEffect(() => {
    if (!lagging) laggingSince.delete(rows)
  }, [rows, lagging])
  const inputs = (lastRun !== undefined && lastRun.ms <= INSTANT_PASS_MS) || lag > MAX_LAG_MS ? current : deferred
  const result = filterOnce(rows, inputs)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const resultView = useMemo(() => ({}), [inputs.parsed, inputs.filters, inputs.sort, inputs.ownOnly])
  const pending = differs(inputs, current)

  return {
    index: inputs.index,
    flags: inputs.flags,
    query,
    parsed,
    filters,
    sort,
    listSort,
    search: { active: searching, ownOnly, counts: result.textMatches, setOwnOnly },
    selectedId,
    result,
    pending,
    resultView,
    setQuery,
    setFilters: setFilterState,
    setSort,
    setListSort(next) {
      if (searching) setSearchSort(next)
      else if (next !== 'best') setSort(next)
    },
    select: setSelectedId,
    applyView(view) {
      setQuery(view.query)
      setFilterState(view.filters)
      setSort(view.sort)
    },
    clear() {
      setQuery('')
      setFilterState(EMPTY_FILTERS)
    }
  }
}
