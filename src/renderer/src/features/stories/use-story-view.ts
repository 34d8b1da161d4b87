// Everything the reader needs for Stories: the mode, the story rows of the
// current view, the open story, story search terms, and "mark story read".
import { useEffect, useMemo, useState } from 'react'
import type { CardRow } from '../../db/database'
import type { FilterResult } from '../filter/run-filter'
import type { LibraryIndex } from '../filter/library-index'
import { useCardStates, useLibraryRows } from '../../data/hooks'
import type { LibraryController } from '../../data/library-controller'
import type { ParsedQuery } from '../search/parse-query'
import { newCoverageOf, orderStories, storyRowOf, storyRowsIn, type StoryRow, type StorySort } from './story-rows'
import { StoryTable } from './story-table'
import { storyRowListOf, type StoryRowList } from './story-row-list'
import { storyRowsWhere, storyTermsOf } from './story-terms'
import { useStories } from './use-stories'

export type ListMode = 'cards' | 'stories'

export interface StoryView {
  mode: ListMode
  setMode(mode: ListMode): void
  sort: StorySort
  setSort(sort: StorySort): void
  /** Stories with a card in the view, in the chosen order (a row is made when read). */
  rows: StoryRowList
  /** The view's matches less the cards that fail story terms (the same as `matches` without such terms). */
  matches: Int32Array
  /** The story of the open card, when it has more than that card or the list shows stories. */
  openStory: StoryRow | null
  ready: boolean
}

export function useStoryView(library: LibraryController, index: LibraryIndex, result: FilterResult, parsed: ParsedQuery, selectedId: string | null): StoryView {
  const [mode, setMode] = useState<ListMode>('cards')
  const [sort, setSort] = useState<StorySort>('newest')
  const stories = useStories()
  const { rows: rowById, version: rowsVersion } = useLibraryRows()
  const { version: statesVersion } = useCardStates()
  const markOf = library.store.mark.bind(library.store)
  const terms = useMemo(() => storyTermsOf(parsed), [parsed])

  const listed = mode === 'stories' || terms.length > 0
  // The stories over the index's positions, kept in step from the worker's first answer on (patched after
  // that), so switching to Stories finds it ready whatever the sort or filter.
  const [table] = useState(() => new StoryTable())
  const tableRevision = useMemo(() => {
    if (stories.ready) table.update(index, stories.map)
    return table.revision
    // The map is mutated in place; its version says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table, index, stories.version, stories.ready])
  const ordered = useMemo(
    () => (listed ? orderStories(index, result.matches, table, sort) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [listed, table, tableRevision, index, result.matches, sort]
  )
  // A mark or a synced card changes rows, not the order: the rows are made again over the same order.
  const storyRows = useMemo(
    () => (ordered === null ? storyRowListOf([]) : storyRowsIn(ordered, index, table, rowById, markOf)),
    // The maps are mutated in place; the versions say when they changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ordered, rowById, rowsVersion, statesVersion]
  )
  const rows = useMemo(() => (terms.length === 0 || ordered === null ? storyRows : storyRowsWhere(ordered, storyRows, terms)), [ordered, storyRows, terms])
  const matches = useMemo(() => {
    if (terms.length === 0) return result.matches
    const kept = new Set<string | undefined>()
    for (let position = 0; position < rows.length; position++) kept.add(rows.anchorAt(position))
    return result.matches.filter((position) => {
      const id = index.rows[position]?.id
      return id !== undefined && kept.has(stories.map.storyOfCard.get(id)?.anchor ?? id)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [terms, rows, result.matches, index, stories.version])

  const openStory = useMemo(() => {
    if (selectedId === null) return null
    const story = stories.map.storyOfCard.get(selectedId)
    const anchor = story?.anchor
    const ids = story?.ids ?? [selectedId]
    const cards = ids.map((id) => rowById.get(id)).filter((card): card is CardRow => card !== undefined)
    if (cards.length === 0 || (cards.length === 1 && mode === 'cards')) return null
    return storyRowOf(anchor ?? selectedId, cards, markOf)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, stories.version, rowById, rowsVersion, statesVersion, mode])

  // Opening a card or story with coverage new since it was read counts as reading it again: the badge goes.
  // Its read cards are read again; the opened card, if unread, is left to the "Mark cards read" setting.
  useEffect(() => {
    if (selectedId === null) return
    const row = rowById.get(selectedId)
    const cardIsNew = row !== undefined && newCoverageOf([row], (id) => library.store.mark(id)).count > 0
    if (openStory !== null && openStory.newCount > 0) void library.markSeen(openStory.cards.map((card) => card.id))
    else if (cardIsNew) void library.markSeen([selectedId])
    // Only on opening: a badge that appears while the card stays open is news to see.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, library])

  return { mode, setMode, sort, setSort, rows, matches, openStory, ready: stories.ready }
}
