// What one Stories row is, shared by the row builder (story-rows.ts) and the
// list that orders rows lazily (story-row-list.ts).
import type { StorySummary } from '../../../../shared/stories'
import type { CardRow } from '../../db/database'
import type { SortKey } from '../filter/library-index'

export type StorySort = SortKey | 'covered'

export interface StoryRow extends StorySummary<CardRow> {
  unread: number
  /** Coverage that arrived after the story was last read (0 when it never was). */
  newCount: number
  /** Card ids of that new coverage, and of cards carrying new related items. */
  newIds: ReadonlySet<string>
  /** When the story was last read (the latest read among its cards), or null. */
  readAt: number | null
}
