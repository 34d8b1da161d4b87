import { describe, expect, it } from 'vitest'
import type { ProviderRef } from '../../../../shared/card'
import { chronologicalOrder, summarizeCoverage } from './related-summary'

const HOUR = 3_600_000
const t0 = Date.UTC(2022, 0, 29, 12, 47)
const outlet = (name: string, domain = ''): ProviderRef => ({ name, domain, logo: null })

describe('summarizeCoverage', () => {
  const card = { provider: outlet('Jurist', 'jurist.org'), publishedAtMs: t0 }
  const related = [
    { provider: outlet('South China Morning Post'), publishedAtMs: t0 + 6 * HOUR },
    { provider: outlet('Reuters'), publishedAtMs: t0 - 2 * HOUR },
    { provider: outlet('reuters'), publishedAtMs: t0 + 22 * HOUR },
    { provider: null, publishedAtMs: null }
  ]

  it('counts distinct outlets, the card included, case-insensitively', () => {
    expect(summarizeCoverage(card, related).outlets).toBe(4)
  })

  it('spans the earliest to the latest piece', () => {
    const summary = summarizeCoverage(card, related)
    expect(summary.firstMs).toBe(t0 - 2 * HOUR)
    expect(summary.lastMs).toBe(t0 + 22 * HOUR)
    expect(summary.spanMs).toBe(24 * HOUR)
  })

  it('places each outlet on the timeline in order of its first piece', () => {
    const { timeline } = summarizeCoverage(card, related)
    expect(timeline.map((row) => row.outlet)).toEqual(['Reuters', 'Jurist', 'South China Morning Post'])
    expect(timeline[0].positions).toEqual([0, 1])
    expect(timeline[1]).toEqual({ outlet: 'Jurist', positions: [2 / 24], isCard: true })
    expect(timeline[2].positions).toEqual([8 / 24])
  })

  it('has no span with a single dated piece and no timeline with none', () => {
    expect(summarizeCoverage(card, []).spanMs).toBeNull()
    expect(summarizeCoverage(card, [])).toMatchObject({ outlets: 1, timeline: [{ outlet: 'Jurist', positions: [0.5], isCard: true }] })
    expect(summarizeCoverage({ provider: null, publishedAtMs: null }, [])).toEqual({ outlets: 1, spanMs: null, firstMs: null, lastMs: null, timeline: [] })
  })
})

describe('chronologicalOrder', () => {
  it('sorts earliest first and leaves undated items at the end in their order', () => {
    expect(chronologicalOrder([{ provider: null, publishedAtMs: null }, { provider: null, publishedAtMs: 5 }, { provider: null, publishedAtMs: 1 }, { provider: null, publishedAtMs: null }])).toEqual([2, 1, 0, 3])
  })
})
