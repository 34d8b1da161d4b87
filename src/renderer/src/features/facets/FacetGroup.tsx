// One facet (topics, providers or type) as a group of checkboxes, each named
// by its value and live count, busiest first.
import { memo, useId, useState, type ReactNode } from 'react'
import { facetEntries } from '../filter/facets'
import { formatCount } from '../ui/format-count'

const COLLAPSED_LIMIT = 8
const EXPANDED_LIMIT = 400
const FIND_FROM = 20

interface FacetGroupProps {
  title: string
  /** "topic", "provider": for the find field's name. */
  noun: string
  names: readonly string[]
  counts: Int32Array
  selected: readonly string[]
  onToggle(name: string): void
  /** How a value reads on screen, when not as stored. */
  labelOf?: (name: string) => string
}

const asStored = (name: string): string => name

/** Memoized: during a sync the app re-renders on every status signal, and a provider group holds hundreds of inputs. */
export const FacetGroup = memo(function FacetGroup({ title, noun, names, counts, selected, onToggle, labelOf = asStored }: FacetGroupProps): ReactNode {
  const [expanded, setExpanded] = useState(false)
  const [find, setFind] = useState('')
  const headingId = useId()
  const { entries, hidden } = facetEntries(names, counts, selected, expanded ? EXPANDED_LIMIT : COLLAPSED_LIMIT, expanded ? find : '')
  const withCounts = entries.length + hidden

  return (
    <div className="filter-block">
      <h2 className="filter-heading" id={headingId}>
        {title}
      </h2>
      {expanded && withCounts >= FIND_FROM ? (
        <input className="facet-find" type="search" aria-label={`Find a ${noun}`} placeholder={`Find a ${noun}`} value={find} onChange={(event) => setFind(event.target.value)} />
      ) : null}
      {entries.length === 0 ? <p className="filter-empty">None in this view</p> : null}
      <ul className="facet-list" role="group" aria-labelledby={headingId}>
        {entries.map((entry) => (
          <li key={entry.name}>
            <label className={`facet${entry.selected ? ' is-selected' : ''}`}>
              <input type="checkbox" checked={entry.selected} onChange={() => onToggle(entry.name)} />
              <span className="facet-name">{labelOf(entry.name)}</span> <span className="count">{formatCount(entry.count)}</span>
            </label>
          </li>
        ))}
      </ul>
      {hidden > 0 || expanded ? (
        <button type="button" className="link-button facet-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show ${formatCount(hidden)} more`}
        </button>
      ) : null}
    </div>
  )
})
