// The Stories list: one row per story (lead title and thumbnail, outlets,
// latest coverage, unread dot, "+k new"), virtualized like the card list.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, type ReactNode, type RefObject } from 'react'
import { CachedImage } from '../images/CachedImage'
import { shortRelative } from '../time/relative-time'
import type { StoryRow } from './story-rows'

const STORY_ROW_HEIGHT = 96

interface StoryListProps {
  stories: readonly StoryRow[]
  selectedAnchor: string | null
  now: number
  listRef: RefObject<HTMLDivElement | null>
  onOpen(story: StoryRow): void
}

const optionId = (story: StoryRow): string => `story-option-${story.id}`

export function StoryList({ stories, selectedAnchor, now, listRef, onOpen }: StoryListProps): ReactNode {
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: stories.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => STORY_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (position) => stories[position]?.anchor ?? position
  })
  const selected = stories.find((story) => story.anchor === selectedAnchor)
  return (
    <div
      ref={listRef}
      className="card-list"
      role="listbox"
      aria-label="Stories"
      tabIndex={0}
      aria-activedescendant={selected ? optionId(selected) : undefined}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
        event.preventDefault()
        const at = selected ? stories.indexOf(selected) : -1
        const next = stories[Math.max(0, Math.min(stories.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]
        if (next) {
          onOpen(next)
          virtualizer.scrollToIndex(stories.indexOf(next), { align: 'auto' })
        }
      }}
    >
      <div role="presentation" className="card-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const story = stories[item.index]
          return story ? (
            <StoryOption key={item.key} story={story} selected={story.anchor === selectedAnchor} position={item.index} setSize={stories.length} top={item.start} now={now} onOpen={onOpen} />
          ) : null
        })}
      </div>
    </div>
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
  const id = optionId(story)
  const outlets = `${story.outlets} ${story.outlets === 1 ? 'outlet' : 'outlets'}`
  const when = shortRelative(story.latestAtMs, now)
  const thumbnail = story.lead.thumbnail
  const description = [outlets, `${story.cards.length} cards`, when, story.unread > 0 ? `${story.unread} unread` : 'read', story.newCount > 0 ? `${story.newCount} new` : null].filter(Boolean).join(', ')
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      aria-posinset={position + 1}
      aria-setsize={setSize}
      data-story={story.id}
      className={`card-option story-option${story.unread === 0 ? ' is-read' : ''}${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: STORY_ROW_HEIGHT }}
      onClick={() => onOpen(story)}
    >
      <span className="card-option-marks" aria-hidden="true">
        {story.unread > 0 ? <span className="unread-dot" /> : null}
      </span>
      <span className="card-option-text">
        <span className="card-option-meta">
          <span className="story-outlets">{outlets}</span>
          <span className="card-option-date">{when}</span>
          {story.newCount > 0 ? <span className="new-badge">+{story.newCount} new</span> : null}
        </span>
        <span className="card-option-title" id={`${id}-title`}>
          {story.lead.title}
        </span>
        <span className="visually-hidden" id={`${id}-desc`}>
          {description}
        </span>
      </span>
      {thumbnail ? <CachedImage url={thumbnail.url} width={thumbnail.width} height={thumbnail.height} alt="" className="card-option-thumb" fill /> : null}
    </div>
  )
})
