// The open story in the sidebar: its size, "mark story read", the coverage
// timeline, the source panel and every card of it (new coverage marked).
import type { ReactNode } from 'react'
import { shortRelative } from '../time/relative-time'
import { CoverageTimeline } from './CoverageTimeline'
import { SourcePanel } from './SourcePanel'
import { useStoryCoverage } from './use-story-coverage'
import type { StoryRow } from './story-rows'

interface StoryPanelProps {
  story: StoryRow
  openId: string | null
  now: number
  onOpenCard(id: string): void
  onMarkRead(story: StoryRow): void
}

const COVERAGE_SHOWN = 30

export function StoryPanel({ story, openId, now, onOpenCard, onMarkRead }: StoryPanelProps): ReactNode {
  const coverage = useStoryCoverage(story, story.readAt)
  return (
    <section className="story-panel" aria-label="Story">
      <header className="related-header">
        <h2 className="related-heading">Story</h2>
        <p className="related-summary" data-testid="story-summary">
          {`${story.cards.length} ${story.cards.length === 1 ? 'card' : 'cards'} from ${story.outlets} ${story.outlets === 1 ? 'outlet' : 'outlets'}`}
          {story.newCount > 0 ? ` · ${story.newCount} new since you read it` : ''}
        </p>
        <p className="story-actions">
          <button type="button" className="button small" disabled={story.unread === 0} onClick={() => onMarkRead(story)}>
            Mark story read
          </button>
          <span className="story-id">story:{story.id}</span>
        </p>
      </header>
      {/* Keyed by story: another story's timeline starts at its first mark, so it is always one tab stop. */}
      <CoverageTimeline key={story.anchor} cards={story.cards} onOpenCard={onOpenCard} />
      <SourcePanel cards={story.cards} />
      <h3 className="story-subheading">Cards in this story</h3>
      <ol className="story-cards" aria-label="Cards in this story">
        {story.cards.map((card) => (
          <li key={card.id} className={card.id === openId ? 'is-open' : undefined}>
            <button type="button" className="link-button" aria-current={card.id === openId ? 'true' : undefined} onClick={() => onOpenCard(card.id)}>
              {card.title}
            </button>
            <span className="story-card-meta">
              {card.providerName || card.providerDomain} · {shortRelative(card.publishedAtMs, now)}
              {story.newIds.has(card.id) ? <span className="new-badge">new</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {coverage && coverage.items.length > 0 ? (
        <>
          <h3 className="story-subheading">Coverage across the story</h3>
          <p className="story-card-meta" data-testid="story-coverage">
            {`${coverage.items.length} ${coverage.items.length === 1 ? 'piece' : 'pieces'} listed by its cards${coverage.duplicates > 0 ? `, ${coverage.duplicates} repeats removed` : ''}`}
          </p>
          <ol className="story-cards" aria-label="Coverage across the story">
            {coverage.items.slice(0, COVERAGE_SHOWN).map((item) => (
              <li key={item.url ?? `${item.providerName}|${item.title}`}>
                {item.title}
                <span className="story-card-meta">
                  {item.providerName} · {shortRelative(item.publishedAtMs, now)}
                  {item.isNew ? <span className="new-badge">new</span> : null}
                </span>
              </li>
            ))}
          </ol>
          {coverage.items.length > COVERAGE_SHOWN ? <p className="story-card-meta">and {coverage.items.length - COVERAGE_SHOWN} more</p> : null}
        </>
      ) : null}
    </section>
  )
}
