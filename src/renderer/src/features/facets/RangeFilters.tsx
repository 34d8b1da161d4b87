// The date range (inclusive local days) and the quality range.
import type { ReactNode } from 'react'
import type { FilterState } from '../filter/run-filter'

interface RangeFiltersProps {
  filters: FilterState
  onChange(update: (current: FilterState) => FilterState): void
}

const numberOrNull = (text: string): number | null => {
  if (text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

export function RangeFilters({ filters, onChange }: RangeFiltersProps): ReactNode {
  return (
    <>
      <fieldset className="filter-block range">
        <legend className="filter-heading">Date</legend>
        <label>
          <span>From</span>
          <input type="date" value={filters.from ?? ''} max={filters.to ?? undefined} onChange={(event) => onChange((f) => ({ ...f, from: event.target.value || null }))} />
        </label>
        <label>
          <span>To</span>
          <input type="date" value={filters.to ?? ''} min={filters.from ?? undefined} onChange={(event) => onChange((f) => ({ ...f, to: event.target.value || null }))} />
        </label>
      </fieldset>
      <fieldset className="filter-block range">
        <legend className="filter-heading">Quality</legend>
        <label>
          <span>Min</span>
          <input type="number" inputMode="numeric" min={0} aria-label="Minimum quality" value={filters.qualityMin ?? ''} onChange={(event) => onChange((f) => ({ ...f, qualityMin: numberOrNull(event.target.value) }))} />
        </label>
        <label>
          <span>Max</span>
          <input type="number" inputMode="numeric" min={0} aria-label="Maximum quality" value={filters.qualityMax ?? ''} onChange={(event) => onChange((f) => ({ ...f, qualityMax: numberOrNull(event.target.value) }))} />
        </label>
      </fieldset>
    </>
  )
}
