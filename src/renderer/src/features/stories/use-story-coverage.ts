// Loads the related rows of every card of the open story from IndexedDB.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import { useLibrary } from '../../data/library-context'
import { storyCoverageOf, type StoryCoverageItem } from './story-coverage'
import type { StoryRow } from './story-rows'

export function useStoryCoverage(story: StoryRow, readAt: number | null): { items: StoryCoverageItem[]; duplicates: number } | undefined {
  const { db } = useLibrary()
  const folder = story.lead.folder
  const ids = story.cards.map((card) => card.id)
  const key = ids.join('\n')
  const rows = useLiveQuery(
    () => db.related.where('[folder+cardId]').anyOf(ids.map((id) => [folder, id])).toArray(),
    // `key` stands for the ids, which a new story object may repeat.
    [db, folder, key, story]
  )
  return useMemo(() => {
    if (rows === undefined) return undefined
    const own = new Set(story.cards.flatMap((card) => card.urls))
    return storyCoverageOf(rows, own, readAt)
  }, [rows, story, readAt])
}
