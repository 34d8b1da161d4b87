// The benchmark's synthetic cards must stay real cards: the parser reads every
// one without error, the same seed gives the same folder, and the shapes stay
// close to the real cards the generator was measured on.
import { describe, expect, it } from 'vitest'
import { generateCards } from '../../scripts/bench/generate-cards.mjs'
import { parseCardText } from '../../src/main/core/parse/parse-card'

const cards = [...generateCards({ count: 4000, seed: 11 })]
const parsed = cards.map((card) => parseCardText(card.text, card.path))

describe('generated bench cards', () => {
  it('are the same files for the same seed, and different for another', () => {
    const again = [...generateCards({ count: 4000, seed: 11 })]
    expect(again).toEqual(cards)
    const other = [...generateCards({ count: 50, seed: 12 })]
    expect(other.map((card) => card.text)).not.toEqual(cards.slice(0, 50).map((card) => card.text))
  })

  it('all parse as cards, named YYYY-MM-DD-slug.md in feed folders', () => {
    const failures = parsed.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]))
    expect(failures).toEqual([])
    for (const card of cards) expect(card.path).toMatch(/^feed-\d\d-[a-z0-9-]+\/\d{4}-\d\d-\d\d-[a-z0-9-]+\.md$/)
  })

  it('spread topics, providers, related coverage, videos and reposts like the real cards', () => {
    const good = parsed.flatMap((outcome) => (outcome.ok ? [outcome.card] : []))
    const share = (test: (card: (typeof good)[number]) => boolean) => good.filter(test).length / good.length
    expect(share((card) => card.topics.length === 1)).toBeGreaterThan(0.75)
    expect(share((card) => card.topics.length >= 2)).toBeGreaterThan(0.1)
    expect(share((card) => card.type === 'video')).toBeGreaterThan(0.03)
    expect(share((card) => card.type === 'video')).toBeLessThan(0.07)
    expect(share((card) => card.related.length > 0)).toBeGreaterThan(0.02)
    expect(share((card) => card.images.length === 0)).toBeGreaterThan(0.04)
    expect(share((card) => card.provider !== null)).toBe(1)
    expect(new Set(good.map((card) => card.provider?.name)).size).toBeGreaterThan(100)
    const ids = new Set(good.map((card) => card.id))
    expect(good.length - ids.size).toBeGreaterThan(5) // reposts: a second file for a story
  })
})
