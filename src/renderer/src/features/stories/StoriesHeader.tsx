// The list's "Stories / Cards" switch, and the header of the Stories list:
// count, sort (with "most covered") and "mark all read".
import type { ReactNode } from 'react'
import type { StorySort } from './story-rows'
import type { ListMode } from './use-story-view'

export function ModeSwitch({ mode, onMode }: { mode: ListMode; onMode(mode: ListMode): void }): ReactNode {
  return (
    <span className="mode-switch" role="radiogroup" aria-label="List">
      {(['stories', 'cards'] as const).map((each) => (
        <button key={each} type="button" role="radio" aria-checked={mode === each} className={`mode-option${mode === each ? ' is-on' : ''}`} onClick={() => onMode(each)}>
          {each === 'stories' ? 'Stories' : 'Cards'}
        </button>
      ))}
    </span>
  )
}

const STORY_SORT_LABELS: Record<StorySort, string> = { newest: 'Latest coverage', oldest: 'Oldest first', covered: 'Most covered', quality: 'Highest quality', heat: 'Hottest' }

interface StoriesHeaderProps {
  count: number
  unread: number
  sort: StorySort
  pending: boolean
  onSort(sort: StorySort): void
  onMarkAllRead(): void
}

export function StoriesHeader({ count, unread, sort, pending, onSort, onMarkAllRead }: StoriesHeaderProps): ReactNode {
  return (
    <>
      <span className="list-count" aria-busy={pending}>{`${count.toLocaleString()} ${count === 1 ? 'story' : 'stories'}`}</span>
      <select className="sort-select" aria-label="Sort" value={sort} onChange={(event) => onSort(event.target.value as StorySort)}>
        {(Object.keys(STORY_SORT_LABELS) as StorySort[]).map((key) => (
          <option key={key} value={key}>
            {STORY_SORT_LABELS[key]}
          </option>
        ))}
      </select>
      <button type="button" className="button small" disabled={unread === 0} aria-label="Mark all in this view as read" title="Mark all in this view as read" onClick={onMarkAllRead}>
        Mark all read
      </button>
    </>
  )
}
