import { describe, expect, it } from 'vitest'
import { EMPTY_FILTERS } from '../filter/run-filter'
import { decodeView, encodeViewFilters, sameView } from './view-codec'

describe('saved view codec', () => {
  it('round-trips the search, every filter and the sort', () => {
    const filters = { ...EMPTY_FILTERS, topics: ['AI'], providers: ['Reuters'], types: ['video'], unreadOnly: true, starredOnly: true, from: '2022-01-01', to: '2022-02-01', qualityMin: 10, qualityMax: 90 }
    const stored = JSON.parse(JSON.stringify({ query: 'topic:ai -covid', filters: encodeViewFilters(filters, 'quality') }))
    expect(decodeView(stored)).toEqual({ query: 'topic:ai -covid', filters, sort: 'quality' })
  })

  it('reads a damaged or older view as unfiltered rather than failing', () => {
    expect(decodeView({ query: 7, filters: { topics: 'AI', sort: 'sideways', from: 'soon', qualityMin: '5', unreadOnly: 'yes' } })).toEqual({ query: '', filters: EMPTY_FILTERS, sort: 'newest' })
    expect(decodeView({ query: 'x', filters: null })).toEqual({ query: 'x', filters: EMPTY_FILTERS, sort: 'newest' })
  })

  it('tells whether the reader shows a view', () => {
    const view = { query: 'ai', filters: { ...EMPTY_FILTERS, topics: ['AI'] }, sort: 'newest' as const }
    expect(sameView(view, { ...view, query: ' ai ' })).toBe(true)
    expect(sameView(view, { ...view, sort: 'heat' })).toBe(false)
    expect(sameView(view, { ...view, filters: EMPTY_FILTERS })).toBe(false)
  })
})
