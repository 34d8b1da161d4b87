import { useEffect, useMemo, useState } from 'react'
import type { SavedView } from '../../db/database'
import type { LibraryIndex, StateFlags } from '../filter/library-index'
import { parseQuery } from '../search/parse-query'
import type { ViewEntry } from './SavedViews'
import { decodeView, sameView, type ViewSettings } from './view-codec'
import { unreadInView, viewIsReady } from './view-counts'

/**
 * The saved views as the left column lists them: unread counts, and which one
 * the reader shows now. A mark re-counts at once; a library change finds each
 * view's cards again off the render path (one view per task), showing the last
 * counts meanwhile, so a live batch never waits on the saved views.
 */
export function useViewEntries(savedViews: SavedView[] | undefined, index: LibraryIndex, flags: StateFlags, current: ViewSettings): ViewEntry[] | undefined {
  const views = useMemo(
    () =>
      (savedViews ?? []).map((view) => {
        const decoded = decodeView(view)
        return { id: view.id!, name: view.name, decoded, parsed: parseQuery(decoded.query) }
      }),
    [savedViews]
  )
  const [settled, setSettled] = useState<{ index: LibraryIndex | null; counts: Map<number, number> }>({ index: null, counts: new Map() })

  useEffect(() => {
    const pending = views.filter((view) => !viewIsReady(index, view.parsed, view.decoded.filters))
    if (pending.length === 0 && settled.index === index) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const step = (): void => {
      const view = pending.shift()
      if (view) {
        unreadInView(index, flags, view.parsed, view.decoded.filters)
        timer = setTimeout(step, 0)
        return
      }
      setSettled({ index, counts: new Map(views.map((v) => [v.id, unreadInView(index, flags, v.parsed, v.decoded.filters)])) })
    }
    timer = setTimeout(step, 0)
    return () => clearTimeout(timer)
  }, [views, index, flags, settled.index])

  if (!savedViews) return undefined
  return views.map((view) => ({
    id: view.id,
    name: view.name,
    unread: viewIsReady(index, view.parsed, view.decoded.filters) ? unreadInView(index, flags, view.parsed, view.decoded.filters) : (settled.counts.get(view.id) ?? 0),
    active: sameView(view.decoded, current)
  }))
}
