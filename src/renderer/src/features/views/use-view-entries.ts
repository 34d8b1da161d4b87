import { useMemo } from 'react'
import type { SavedView } from '../../db/database'
import type { LibraryIndex, StateFlags } from '../filter/library-index'
import { parseQuery } from '../search/parse-query'
import type { ViewEntry } from './SavedViews'
import { decodeView, sameView, type ViewSettings } from './view-codec'
import { unreadInView } from './view-counts'

/** The saved views as the left column lists them: unread counts, and which one the reader shows now. */
export function useViewEntries(savedViews: SavedView[] | undefined, index: LibraryIndex, flags: StateFlags, current: ViewSettings): ViewEntry[] | undefined {
  const counted = useMemo(
    () =>
      (savedViews ?? []).map((view) => {
        const decoded = decodeView(view)
        return { view, decoded, unread: unreadInView(index, flags, parseQuery(decoded.query), decoded.filters) }
      }),
    [savedViews, index, flags]
  )
  if (!savedViews) return undefined
  return counted.map(({ view, decoded, unread }) => ({ id: view.id!, name: view.name, unread, active: sameView(decoded, current) }))
}
