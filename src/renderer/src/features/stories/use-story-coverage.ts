// The related coverage of every card of the open story, from the cards themselves as the reading pane gets
// them (card-details.ts: memory, else IndexedDB and the host together). A story of 35 cards is 35 detail
// reads, which a sync's commits never re-run: a card a batch changes is pushed to its watchers.
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import type { CardDetailState } from '../../data/card-details'
import { toRelatedRows } from '../../data/card-row'
import { useLibrary } from '../../data/library-context'
import { storyCoverageOf, type StoryCoverageItem } from './story-coverage'
import type { StoryRow } from './story-rows'

export function useStoryCoverage(story: StoryRow, readAt: number | null): { items: StoryCoverageItem[]; duplicates: number } | undefined {
  const details = useStoryDetails(story)
  return useMemo(() => {
    if (details.some((detail) => detail.state === 'loading')) return undefined
    const rows = details.flatMap((detail) => (detail.state === 'found' ? toRelatedRows(story.lead.folder, detail.card) : []))
    const own = new Set(story.cards.flatMap((card) => card.urls))
    return storyCoverageOf(rows, own, readAt)
  }, [details, story, readAt])
}

/** The story's cards as CardDetails has them, in id order (the order coverage keeps the first of repeats in); a stable array until one changes. */
function useStoryDetails(story: StoryRow): readonly CardDetailState[] {
  const { details } = useLibrary()
  const folder = story.lead.folder
  const key = story.cards
    .map((card) => card.id)
    .sort()
    .join('\n')
  const last = useRef<readonly CardDetailState[]>([])
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = key.split('\n').map((id) => details.subscribe(folder, id, listener))
      return () => stops.forEach((stop) => stop())
    },
    [details, folder, key]
  )
  const read = useCallback(() => {
    const now = key.split('\n').map((id) => details.get(folder, id))
    const before = last.current
    if (now.length !== before.length || now.some((detail, index) => detail !== before[index])) last.current = now
    return last.current
  }, [details, folder, key])
  return useSyncExternalStore(subscribe, read)
}
