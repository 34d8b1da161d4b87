// The filter column: facets and saved views, then the reading settings under them.
import type { ReactNode } from 'react'
import type { SavedView } from '../../db/database'
import type { LibraryController } from '../../data/library-controller'
import { FilterColumn } from '../facets/FilterColumn'
import { MarkReadControl } from '../settings/MarkReadSetting'
import { MarksSyncControl } from '../settings/MarksSyncSetting'
import type { ToastMessage } from '../toast/Toast'
import type { ViewEntry } from '../views/SavedViews'
import { decodeView, encodeViewFilters } from '../views/view-codec'
import type { ReaderModel } from './use-reader-model'

interface FiltersSectionProps {
  library: LibraryController
  model: ReaderModel
  savedViews: SavedView[] | undefined
  viewEntries: ViewEntry[] | undefined
  filtered: boolean
  notify(text: string, action?: ToastMessage['action']): void
}

export function FiltersSection({ library, model, savedViews, viewEntries, filtered, notify }: FiltersSectionProps): ReactNode {
  return (
    <section id="filter-column" className="filter-column" aria-label="Filters">
      <FilterColumn
        index={model.index}
        result={model.result}
        filters={model.filters}
        onChange={model.setFilters}
        views={viewEntries}
        canSaveView={filtered || model.sort !== 'newest'}
        onApplyView={(id) => {
          const view = savedViews?.find((candidate) => candidate.id === id)
          if (view) model.applyView(decodeView(view))
        }}
        onSaveView={async (name) => {
          await library.saveView({ name, query: model.query.trim(), filters: encodeViewFilters(model.filters, model.sort) })
        }}
        onDeleteView={(id) => {
          const view = savedViews?.find((candidate) => candidate.id === id)
          void library.deleteView(id)
          if (view) notify(`Deleted the view “${view.name}”.`, { label: 'Undo', run: () => void library.saveView({ name: view.name, query: view.query, filters: view.filters }) })
        }}
      />
      <MarkReadControl />
      <MarksSyncControl />
    </section>
  )
}
