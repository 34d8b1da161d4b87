// A saved view is the search text plus the facet selections and the sort.
// Views live in IndexedDB and may come from an older build, so reading one
// back checks every field and falls back to "no filter" for anything odd.
import { SORT_KEYS, type SortKey } from '../filter/library-index'
import { EMPTY_FILTERS, type FilterState } from '../filter/run-filter'

export interface ViewSettings {
  query: string
  filters: FilterState
  sort: SortKey
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])
const dateOrNull = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null)
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

export function encodeViewFilters(filters: FilterState, sort: SortKey): Record<string, unknown> {
  return { ...filters, sort }
}

export function decodeView(view: { query: unknown; filters: unknown }): ViewSettings {
  const raw = (typeof view.filters === 'object' && view.filters !== null ? view.filters : {}) as Record<string, unknown>
  const sort = SORT_KEYS.includes(raw.sort as SortKey) ? (raw.sort as SortKey) : 'newest'
  return {
    query: typeof view.query === 'string' ? view.query : '',
    sort,
    filters: {
      ...EMPTY_FILTERS,
      topics: strings(raw.topics),
      providers: strings(raw.providers),
      types: strings(raw.types),
      unreadOnly: raw.unreadOnly === true,
      starredOnly: raw.starredOnly === true,
      from: dateOrNull(raw.from),
      to: dateOrNull(raw.to),
      qualityMin: numberOrNull(raw.qualityMin),
      qualityMax: numberOrNull(raw.qualityMax)
    }
  }
}

/** True when the reader shows exactly what the view names. */
export function sameView(a: ViewSettings, b: ViewSettings): boolean {
  return a.query.trim() === b.query.trim() && a.sort === b.sort && JSON.stringify(a.filters) === JSON.stringify(b.filters)
}
