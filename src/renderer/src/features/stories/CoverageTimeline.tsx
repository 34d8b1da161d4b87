// One mark per card of the story on a time axis, coloured by outlet. The marks
// are one tab stop; the arrow keys move between them and Enter opens the card.
import { useRef, useState, type ReactNode } from 'react'
import type { CardRow } from '../../db/database'
import { localDateTime } from '../time/relative-time'
import { outletColour, outletKey } from './source-panel'

interface CoverageTimelineProps {
  cards: readonly CardRow[]
  onOpenCard(id: string): void
}

export function CoverageTimeline({ cards, onOpenCard }: CoverageTimelineProps): ReactNode {
  const [focused, setFocused] = useState(0)
  const marks = useRef<(HTMLButtonElement | null)[]>([])
  const dated = cards.filter((card) => card.publishedAtMs !== null).sort((a, b) => a.publishedAtMs! - b.publishedAtMs!)
  if (dated.length === 0) return null
  // The one tab stop stays on a mark when the story loses cards.
  const tabStop = Math.min(focused, dated.length - 1)
  const first = dated[0].publishedAtMs!
  const last = dated[dated.length - 1].publishedAtMs!
  const span = Math.max(1, last - first)
  // Cards at one moment stack upward instead of hiding each other.
  const stacked = new Map<number, number>()
  const move = (to: number): void => {
    const next = Math.max(0, Math.min(dated.length - 1, to))
    setFocused(next)
    marks.current[next]?.focus()
  }
  return (
    <figure className="coverage-timeline" aria-label={`Coverage timeline: ${dated.length} cards from ${localDateTime(first)} to ${localDateTime(last)}`}>
      <div className="coverage-track" role="group" aria-label="Cards in time order">
        {dated.map((card, i) => {
          const x = ((card.publishedAtMs! - first) / span) * 100
          const bucket = Math.round(x)
          const level = stacked.get(bucket) ?? 0
          stacked.set(bucket, level + 1)
          const outlet = card.providerName || card.providerDomain || 'Unknown outlet'
          return (
            <button
              key={card.id}
              ref={(element) => {
                marks.current[i] = element
              }}
              type="button"
              className="coverage-mark"
              tabIndex={i === tabStop ? 0 : -1}
              style={{ left: `${x}%`, bottom: `${Math.min(level, 6) * 7}px`, background: outletColour(outletKey(card)) }}
              aria-label={`${outlet}, ${localDateTime(card.publishedAtMs!)}: ${card.title}`}
              title={`${outlet}, ${localDateTime(card.publishedAtMs!)}`}
              onFocus={() => setFocused(i)}
              onClick={() => onOpenCard(card.id)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowRight' || event.key === 'ArrowDown') move(i + 1)
                else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') move(i - 1)
                else if (event.key === 'Home') move(0)
                else if (event.key === 'End') move(dated.length - 1)
                else return
                event.preventDefault()
              }}
            />
          )
        })}
      </div>
      <figcaption className="coverage-axis">
        <span>{localDateTime(first)}</span>
        <span>{localDateTime(last)}</span>
      </figcaption>
    </figure>
  )
}
