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

describe('generated bench cards of the real shape (FORMAT.md)', () => {
  const real = [...generateCards({ count: 3000, seed: 11, shape: 'real' })]
  const outcomes = real.map((card) => parseCardText(card.text, card.path))
  const good = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.card] : []))
  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]

  it('all parse, and the same seed gives the same files', () => {
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([])
    expect([...generateCards({ count: 200, seed: 11, shape: 'real' })]).toEqual(real.slice(0, 200))
  })

  it('have related lists sized like the real deciles, with images and AMP URLs in real shares', () => {
    const sizes = good.map((card) => card.related.length)
    const deciles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((q) => quantile(sizes, q))
    const real = [0, 0, 1, 2, 5, 11, 23, 39, 64]
    deciles.forEach((value, i) => expect(Math.abs(value - real[i])).toBeLessThanOrEqual(Math.max(2, real[i] * 0.2)))
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length
    expect(mean).toBeGreaterThan(20)
    expect(mean).toBeLessThan(29)
    const items = good.flatMap((card) => card.related)
    const share = (test: (item: (typeof items)[number]) => boolean) => items.filter(test).length / items.length
    expect(share((item) => item.images.length > 0)).toBeCloseTo(0.71, 1)
    expect(share((item) => item.ampWebUrl !== null)).toBeCloseTo(0.33, 1)
  })

  it('weigh what real cards weigh: mean ~21 KB, median 5-9 KB, none over 150 KB', () => {
    const bytes = real.map((card) => Buffer.byteLength(card.text))
    const mean = bytes.reduce((a, b) => a + b, 0) / bytes.length
    expect(mean).toBeGreaterThan(15_000)
    expect(mean).toBeLessThan(27_000)
    expect(quantile(bytes, 0.5)).toBeGreaterThan(4_000)
    expect(quantile(bytes, 0.5)).toBeLessThan(10_000)
    expect(Math.max(...bytes)).toBeLessThan(150_000)
  })

  it('name other cards of the folder in nearly all related items, as real feeds do', () => {
    const urls = new Set(good.map((card) => card.webUrl))
    const items = good.flatMap((card) => card.related)
    expect(items.filter((item) => urls.has(item.webUrl)).length / items.length).toBeGreaterThan(0.95)
  })
})
