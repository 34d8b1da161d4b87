// The Stories list: one row per story (lead title and thumbnail, outlets,
// latest coverage, unread dot, "+k new"), in the listbox shell the card list uses.
import { memo, type ReactNode, type RefObject } from 'react'
import { ListOption, useListVirtualizer, useReveal, VirtualListbox, type RevealRequest } from '../list/VirtualListbox'
import { shortRelative } from '../time/relative-time'
import type { StoryRow } from './story-rows'
import type { StoryRowList } from './story-row-list'

interface StoryListProps {
  stories: StoryRowList
  selectedAnchor: string | null
  /** A story (by anchor) to scroll to: j/k walk the stories. */
  reveal: RevealRequest | null
  now: number
  listRef: RefObject<HTMLDivElement | null>
  onOpen(story: StoryRow): void
}

const optionId = (story: StoryRow): string => `story-option-${story.id}`

export function StoryList({ stories, selectedAnchor, reveal, now, listRef, onOpen }: StoryListProps): ReactNode {
  const virtualizer = useListVirtualizer(stories.length, listRef, (position) => stories.anchorAt(position) ?? position)
  useReveal(reveal, (anchor) => stories.positionOf(anchor), virtualizer)
  const selected = selectedAnchor === null ? undefined : stories.at(stories.positionOf(selectedAnchor))
  return (
    <VirtualListbox
      label="Stories"
      listRef={listRef}
      virtualizer={virtualizer}
      activeId={selected ? optionId(selected) : undefined}
      renderOption={(position, top, key) => {
        const story = stories.at(position)
        return story ? <StoryOption key={key} story={story} selected={story.anchor === selectedAnchor} position={position} setSize={stories.length} top={top} now={now} onOpen={onOpen} /> : null
      }}
    />
  )
}

interface StoryOptionProps {
  story: StoryRow
  selected: boolean
  position: number
  setSize: number
  top: number
  now: number
  onOpen(story: StoryRow): void
}

const StoryOption = memo(function StoryOption({ story, selected, position, setSize, top, now, onOpen }: StoryOptionProps): ReactNode {
  const outlets = `${story.outlets} ${story.outlets === 1 ? 'outlet' : 'outlets'}`
  const when = shortRelative(story.latestAtMs, now)
  const description = [outlets, `${story.cards.length} cards`, when, story.unread > 0 ? `${story.unread} unread` : 'read', story.newCount > 0 ? `${story.newCount} new` : null].filter(Boolean).join(', ')
  return (
    <ListOption
      id={optionId(story)}
      selected={selected}
      read={story.unread === 0}
      position={position}
      setSize={setSize}
      top={top}
      kind="story-option"
      data={{ 'data-story': story.id }}
      marks={story.unread > 0 ? <span className="unread-dot" /> : null}
      meta={
        <>
          <span className="story-outlets">{outlets}</span>
          <span className="card-option-date">{when}</span>
          {story.newCount > 0 ? <span className="new-badge">+{story.newCount} new</span> : null}
        </>
      }
      title={story.lead.title}
      description={description}
      thumbnail={story.lead.thumbnail}
      onClick={() => onOpen(story)}
    />
  )
})
