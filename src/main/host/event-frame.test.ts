import { describe, expect, it } from 'vitest'
import type { LibraryBatch, TidingsEvent } from '../../shared/contract'
import { scanFolder } from '../core/scan/scan'
import { sharedCards } from '../core/testing/shared-cards'
import { eventFrame } from './event-frame'

const text = (frame: Uint8Array) => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('utf8')
const asOneString = (event: TidingsEvent) => `data: ${JSON.stringify(event)}\n\n`

describe('eventFrame', () => {
  it('writes a batch of real related-heavy cards exactly as one JSON.stringify of the event', async () => {
    const { cards, scanned } = await scanFolder(sharedCards('related-heavy'), { workers: 0 })
    expect(cards.length).toBeGreaterThan(50)
    const upsert = cards.slice(0, 60)
    const batch: LibraryBatch = {
      folder: '/cards/"upsert":[]/\u2019',
      seq: 1_764_000_000_000_001,
      upsert,
      remove: ['https://example.com/"upsert":[]'],
      files: scanned.slice(0, 60).map((file) => ({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, id: file.card?.id ?? null, publishedAtMs: file.card?.publishedAtMs ?? null })),
      removedFiles: ['gone "upsert":[].md'],
      errors: [{ path: 'bad.md', code: 'yaml-syntax', message: 'line 2: "upsert":[] ‘quoted’ 😀' }],
      clearedErrors: ['fixed.md']
    }
    const event: TidingsEvent = { type: 'batch', batch }
    expect(text(eventFrame(event))).toBe(asOneString(event))
    // A card's text is unchanged, non-ASCII included.
    expect(JSON.parse(text(eventFrame(event)).slice(6)).batch.upsert).toEqual(JSON.parse(JSON.stringify(upsert)))
  })

  it('writes other events, and a batch with no card, as one JSON.stringify', () => {
    const empty: TidingsEvent = { type: 'batch', batch: { folder: '/f', seq: 2, upsert: [], remove: ['x'], files: [], removedFiles: [], errors: [], clearedErrors: [] } }
    const other: TidingsEvent = { type: 'watch-error', folder: '/f', message: 'é “x”' }
    expect(text(eventFrame(empty))).toBe(asOneString(empty))
    expect(text(eventFrame(other))).toBe(asOneString(other))
  })

  it('throws as JSON.stringify does for a card that cannot be serialised, so the batch can be split', () => {
    const card = { id: 'x', extra: { big: 10n } } as unknown as LibraryBatch['upsert'][number]
    const event: TidingsEvent = { type: 'batch', batch: { folder: '/f', seq: 3, upsert: [card], remove: [], files: [], removedFiles: [], errors: [], clearedErrors: [] } }
    expect(() => eventFrame(event)).toThrow(/BigInt/)
  })
})
