// The left column: read/star toggles, saved views, facets with live counts,
// and the date and quality ranges.
import { useCallback, type ReactNode } from 'react'
import type { LibraryIndex } from '../filter/library-index'
import { toggleValue } from '../filter/facets'
import { EMPTY_FILTERS, hasActiveFilters, type FilterResult, type FilterState } from '../filter/run-filter'
import { SavedViews, type ViewEntry } from '../views/SavedViews'
import { FacetGroup } from './FacetGroup'
import { RangeFilters } from './RangeFilters'
import { formatCount } from '../ui/format-count'

interface FilterColumnProps {
  index: LibraryIndex
  result: FilterResult
  filters: FilterState
  onChange(update: (current: FilterState) => FilterState): void
  views: ViewEntry[] | undefined
  canSaveView: boolean
  onApplyView(id: number): void
  onSaveView(name: string): Promise<void>
  onDeleteView(id: number): void
}

const typeLabel = (type: string): string => type.charAt(0).toUpperCase() + type.slice(1)

export function FilterColumn(props: FilterColumnProps): ReactNode {
  const { index, result, filters, onChange } = props
  // Stable toggles, so a facet group re-renders only when its names, counts or selection change (FacetGroup is memoized).
  const toggleTopic = useCallback((name: string) => onChange((f) => ({ ...f, topics: toggleValue(f.topics, name) })), [onChange])
  const toggleProvider = useCallback((name: string) => onChange((f) => ({ ...f, providers: toggleValue(f.providers, name) })), [onChange])
  const toggleType = useCallback((name: string) => onChange((f) => ({ ...f, types: toggleValue(f.types, name) })), [onChange])
  return (
    <>
      <div className="filter-block" role="group" aria-label="Show">
        <label className={`facet toggle${filters.unreadOnly ? ' is-selected' : ''}`}>
          <input type="checkbox" checked={filters.unreadOnly} onChange={() => onChange((f) => ({ ...f, unreadOnly: !f.unreadOnly }))} />
          <span className="facet-name">Unread</span> <span className="count">{formatCount(result.unreadCount)}</span>
        </label>
        <label className={`facet toggle${filters.starredOnly ? ' is-selected' : ''}`}>
          <input type="checkbox" checked={filters.starredOnly} onChange={() => onChange((f) => ({ ...f, starredOnly: !f.starredOnly }))} />
          <span className="facet-name">Starred</span> <span className="count">{formatCount(result.starredCount)}</span>
        </label>
      </div>
      <SavedViews views={props.views} canSave={props.canSaveView} onApply={props.onApplyView} onSave={props.onSaveView} onDelete={props.onDeleteView} />
      <FacetGroup title="Topics" noun="topic" names={index.topics.names} counts={result.topicCounts} selected={filters.topics} onToggle={toggleTopic} />
      <FacetGroup title="Providers" noun="provider" names={index.providers.names} counts={result.providerCounts} selected={filters.providers} onToggle={toggleProvider} />
      <FacetGroup title="Type" noun="type" names={index.types.names} counts={result.typeCounts} selected={filters.types} onToggle={toggleType} labelOf={typeLabel} />
      <RangeFilters filters={filters} onChange={onChange} />
      {hasActiveFilters(filters) ? (
        <div className="filter-block">
          <button type="button" className="button small" onClick={() => onChange(() => EMPTY_FILTERS)}>
            Clear filters
          </button>
        </div>
      ) : null}
    </>
  )
}
