// The bar over the panes: the filters toggle (narrow windows), the folder, search and shortcuts.
import type { ReactNode, RefObject } from 'react'
import { SearchBox } from '../search/SearchBox'
import type { QueryError } from '../search/parse-query'

interface TopBarProps {
  filtersOpen: boolean
  folder: string | null
  folderName: string
  query: string
  queryErrors: QueryError[]
  searchRef: RefObject<HTMLInputElement | null>
  onToggleFilters(): void
  onQuery(query: string): void
  onOpenFolder(): void
  onShowShortcuts(): void
}

export function TopBar({ filtersOpen, folder, folderName, query, queryErrors, searchRef, onToggleFilters, onQuery, onOpenFolder, onShowShortcuts }: TopBarProps): ReactNode {
  return (
    <header className="top-bar">
      <button type="button" className="button small filters-toggle" aria-expanded={filtersOpen} aria-controls="filter-column" onClick={onToggleFilters}>
        Filters
      </button>
      <span className="brand">Tidings</span>
      <button type="button" className="folder-button" title={folder ?? 'Open a folder'} onClick={onOpenFolder}>
        <span className="folder-icon" aria-hidden="true" />
        <span className="visually-hidden">Folder: </span>
        {folder ? folderName || folder : 'Open a folder…'}
      </button>
      <SearchBox value={query} errors={queryErrors} inputRef={searchRef} onChange={onQuery} onHelp={onShowShortcuts} />
      <button type="button" className="icon-button shortcuts-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onShowShortcuts}>
        ⌨
      </button>
    </header>
  )
}
