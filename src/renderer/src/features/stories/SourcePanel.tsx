// Who carried the story: outlets, the top outlets' share, quality spread,
// articles versus videos. Plain numbers and a small bar chart.
import type { ReactNode } from 'react'
import type { CardRow } from '../../db/database'
import { outletColour, sourceFigures } from './source-panel'

const percent = (share: number): string => `${Math.round(share * 100)}%`

export function SourcePanel({ cards }: { cards: readonly CardRow[] }): ReactNode {
  const figures = sourceFigures(cards)
  return (
    <section className="source-panel" aria-label="Sources">
      <h3 className="story-subheading">Sources</h3>
      <dl className="source-figures">
        <div>
          <dt>Outlets</dt>
          <dd data-testid="source-outlets">{figures.outlets}</dd>
        </div>
        <div>
          <dt>Top 3 outlets</dt>
          <dd>{percent(figures.topThreeShare)} of cards</dd>
        </div>
        <div>
          <dt>Quality</dt>
          <dd>{figures.quality ? `${figures.quality.min}–${figures.quality.max} (median ${figures.quality.median})` : 'not given'}</dd>
        </div>
        <div>
          <dt>Articles / videos</dt>
          <dd>
            {figures.articles} / {figures.videos}
          </dd>
        </div>
      </dl>
      <ul className="source-bars" aria-label="Cards per outlet">
        {figures.top.map((outlet) => (
          <li key={outlet.domain}>
            <span className="source-bar-label">{outlet.name}</span>
            <span className="source-bar" aria-hidden="true">
              <span style={{ width: percent(outlet.share), background: outletColour(outlet.domain) }} />
            </span>
            <span className="source-bar-count">
              {outlet.cards} ({percent(outlet.share)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
