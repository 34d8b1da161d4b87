// The event stream's frames: a batch's packed copies are copied in apart from the rest of the event, and the
// page must parse exactly the event the host meant, whatever the cards hold.
import { describe, expect, it } from 'vitest'
import type { Card } from '../../shared/card'
import type { LibraryBatch, TidingsEvent } from '../../shared/contract'
import { readCardFileSync } from '../core/parse/parse-card'
import { packCard } from '../core/library/pack-card'
import { cardFilesIn, sharedCards } from '../core/testing/shared-cards'
import { eventFrame } from './event-frame'
import { relative } from 'node:path'

/** What the page's event stream parser gets from a frame: the JSON after `data: `, up to the blank line. */
function parsedFrame(frame: Buffer): unknown {
  // All ASCII: the page's TextDecoderStream makes a two-byte string of a chunk with any other byte, the slow way.
  expect(frame.every((byte) => byte < 0x80)).toBe(true)
  const text = frame.toString('utf8')
  expect(text.startsWith('data: ')).toBe(true)
  expect(text.endsWith('\n\n')).toBe(true)
  expect(text.slice(0, -2)).not.toContain('\n')
  return JSON.parse(text.slice('data: '.length, -2))
}

function realCards(count: number): Card[] {
  const folder = sharedCards('related-heavy')
  return cardFilesIn(folder)
    .slice(0, count)
    .map((path) => {
      const read = readCardFileSync(folder, relative(folder, path))
      if (!read.outcome.ok) throw new Error(`${path}: ${read.outcome.error.message}`)
      return read.outcome.card
    })
}

function batchOf(cards: Card[], packed: string[] | undefined): LibraryBatch<Card> {
  return { folder: '/cards', seq: 7, upsert: cards, ...(packed ? { packed } : {}), remove: ['gone'], files: [], removedFiles: [], errors: [], clearedErrors: [] }
}

describe('eventFrame', () => {
  it('gives the page the batch the host sent, real related-heavy cards and their packed copies included', () => {
    const cards = realCards(40)
    // A character beyond Latin-1 makes the event's JSON a two-byte string: the case the frame is built for.
    cards[0] = { ...cards[0], title: `“${cards[0].title}” — naïve 日本` }
    const event: TidingsEvent<Card> = { type: 'batch', batch: batchOf(cards, cards.map((card) => packCard(card).packed)) }
    expect(parsedFrame(eventFrame(event))).toEqual(JSON.parse(JSON.stringify(event)))
  })

  it('gives the page the same batch when it has no packed copies', () => {
    const cards = realCards(3)
    for (const packed of [[], undefined]) {
      const event: TidingsEvent<Card> = { type: 'batch', batch: batchOf(cards, packed) }
      expect(parsedFrame(eventFrame(event)), JSON.stringify(packed)).toEqual(JSON.parse(JSON.stringify(event)))
    }
  })

  it('writes any other event as its JSON', () => {
    const event: TidingsEvent = { type: 'watch-error', folder: '/cards', path: 'a “b”.md', message: 'Cannot read it' }
    expect(parsedFrame(eventFrame(event))).toEqual(event)
    expect(eventFrame(event).toString('utf8')).toBe(`data: ${JSON.stringify(event).replace('“b”', '\\u201cb\\u201d')}\n\n`)
  })
})
