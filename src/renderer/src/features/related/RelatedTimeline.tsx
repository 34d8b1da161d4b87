// When each outlet published, as dots on one time axis per outlet. Outlet
// names are drawn from data attributes by CSS so the page text holds each name
// once (in the item list); the whole figure has one spoken summary.
import type { ReactNode } from 'react'
import { signedOffset } from '../time/relative-time'
import type { CoverageSummary } from './related-summary'

const MAX_ROWS = 12

export function RelatedTimeline({ summary, cardAtMs }: { summary: CoverageSummary; cardAtMs: number | null }): ReactNode {
  const { timeline, firstMs, lastMs } = summary
  if (timeline.length < 2 || firstMs === null || lastMs === null) return null
  const rows = timeline.slice(0, MAX_ROWS)
  const axisLabel = (at: number): string => (cardAtMs === null ? new Date(at).toLocaleDateString() : at === cardAtMs ? 'this card' : signedOffset(at, cardAtMs))
  const spoken = `Timeline of ${timeline.length} outlets, from ${axisLabel(firstMs)} to ${axisLabel(lastMs)}`
  return (
    <figure className="timeline" role="img" aria-label={spoken}>
      <div className="timeline-rows">
        {rows.map((row) => (
          <div key={row.outlet} className={`timeline-row${row.isCard ? ' is-card' : ''}`} data-label={row.outlet}>
            <span className="timeline-track">
              {row.positions.map((position, i) => (
                <span key={i} className="timeline-dot" style={{ left: `${position * 100}%` }} />
              ))}
            </span>
          </div>
        ))}
      </div>
      <div className="timeline-axis" data-first={axisLabel(firstMs)} data-last={axisLabel(lastMs)} />
      {timeline.length > MAX_ROWS ? <div className="timeline-more" data-label={`and ${timeline.length - MAX_ROWS} more outlets`} /> : null}
    </figure>
  )
}
