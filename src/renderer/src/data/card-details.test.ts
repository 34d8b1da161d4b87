import { describe, expect, it, vi } from 'vitest'
import type { Card } from '../../../shared/card'
import type { CardLookup, LibraryBatch } from '../../../shared/contract'
import { CardDetails, paneCard, type CardDetailSources } from './card-details'
import { makeCard, makeRelated } from './testing/cards'
import { packCard } from './testing/pack-card'
import { summarisedCard } from '../../../shared/batch-card'
import type { StoredDetail } from './stored-detail'
import { bytesOfBase64 } from './stored-detail'

const FOLDER = '/cards'

interface Pending<T> {
  resolve(value: T): void
  reject(error: unknown): void
}

/** Sources whose answers the test hands out, one at a time, in any order. */
function controlledSources(unwritten = new Map<string, StoredDetail | null>()) {
  const stored: Array<Pending<Card | undefined> & { id: string }> = []
  const host: Array<Pending<CardLookup> & { id: string; path: string | undefined }> = []
  const sources: CardDetailSources = {
    unwritten: (_folder, id) => unwritten.get(id),
    pathOf: (_folder, id) => `${id.split('/').pop()}.md`,
    readStored: (_folder, id) => new Promise((resolve, reject) => stored.push({ id, resolve, reject })),
    lookup: (_folder, id, path) => new Promise((resolve, reject) => host.push({ id, path, resolve, reject }))
  }
  return { sources, stored, host }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function batch(upsert: Card[], remove: string[] = []): LibraryBatch {
  return { folder: FOLDER, seq: 1, upsert, remove, files: [], removedFiles: [], errors: [], clearedErrors: [] }
}

/** A batch as main sends it: each card's related items summarised, the complete card packed beside it. */
function sentBatch(upsert: Card[]): LibraryBatch {
  return { ...batch([]), upsert: upsert.map(summarisedCard), packed: upsert.map(packCard) }
}

const heavy = (slug: string, title: string): Card =>
  makeCard(slug, { title, related: Array.from({ length: 40 }, (_, n) => makeRelated(`${slug}-r${n}`, { excerpt: `Coverage ${n} of ${title}` })) })

describe('CardDetails: the reading pane card', () => {
  it('never answers with another card: a new id is loading until its own answer comes', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const a = makeCard('a')
    const b = makeCard('b')
    details.subscribe(FOLDER, a.id, () => {})
    host[0].resolve({ state: 'found', card: a })
    await settle()
    expect(details.get(FOLDER, a.id)).toMatchObject({ state: 'found', card: { id: a.id } })

    details.subscribe(FOLDER, b.id, () => {})
    expect(details.get(FOLDER, b.id)).toEqual({ id: b.id, state: 'loading' })
    stored[1].resolve(b)
    await settle()
    expect(details.get(FOLDER, b.id)).toMatchObject({ state: 'found', card: { id: b.id } })
  })

  it('shows the IndexedDB copy while the host reads, then the host copy; IndexedDB never replaces the host', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const old = makeCard('a', { title: 'Old title' })
    const fresh = makeCard('a', { title: 'Fresh title' })
    let changes = 0
    details.subscribe(FOLDER, old.id, () => changes++)
    expect(host[0].path).toBe('a.md')
    stored[0].resolve(old)
    await settle()
    expect(details.get(FOLDER, old.id)).toMatchObject({ state: 'found', card: { title: 'Old title' } })
    host[0].resolve({ state: 'found', card: fresh })
    await settle()
    expect(details.get(FOLDER, old.id)).toMatchObject({ state: 'found', card: { title: 'Fresh title' } })
    expect(changes).toBe(2)
  })

  it('says removed only on the host word, even when IndexedDB still has the card', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const card = makeCard('gone')
    details.subscribe(FOLDER, card.id, () => {})
    stored[0].resolve(undefined)
    await settle()
    expect(details.get(FOLDER, card.id).state).toBe('loading')
    host[0].resolve({ state: 'removed' })
    await settle()
    expect(details.get(FOLDER, card.id).state).toBe('removed')
  })

  it('keeps the IndexedDB copy when the host cannot tell, and fails with the reason when neither has it', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const kept = makeCard('kept')
    const missing = makeCard('missing')
    details.subscribe(FOLDER, kept.id, () => {})
    details.subscribe(FOLDER, missing.id, () => {})
    host[0].resolve({ state: 'unknown', reason: 'the folder is not reachable' })
    stored[0].resolve(kept)
    host[1].reject(new Error('Cannot reach Tidings'))
    stored[1].resolve(undefined)
    await settle()
    expect(details.get(FOLDER, kept.id)).toMatchObject({ state: 'found', card: { id: kept.id } })
    expect(details.get(FOLDER, missing.id)).toEqual({ id: missing.id, state: 'failed', message: 'This card could not be loaded (Cannot reach Tidings).' })
  })

  it('a batch is the newest word: a read that started before it is dropped', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const card = makeCard('a', { title: 'Before' })
    details.subscribe(FOLDER, card.id, () => {})
    details.accept(FOLDER, [batch([{ ...card, title: 'Rewritten' }])])
    host[0].resolve({ state: 'found', card })
    stored[0].resolve(card)
    await settle()
    expect(details.get(FOLDER, card.id)).toMatchObject({ state: 'found', card: { title: 'Rewritten' } })
    details.accept(FOLDER, [batch([], [card.id])])
    expect(details.get(FOLDER, card.id).state).toBe('removed')
  })

  it('answers a card whose IndexedDB write is still queued from memory, asking nobody', () => {
    const card = makeCard('queued')
    const { sources, stored, host } = controlledSources(new Map([[card.id, card]]))
    const details = new CardDetails(sources)
    details.subscribe(FOLDER, card.id, () => {})
    expect(details.get(FOLDER, card.id)).toMatchObject({ state: 'found', card: { id: card.id } })
    expect(stored.length + host.length).toBe(0)
  })

  it('opens a card from a batch with every related item whole, from its packed copy, never from the summary', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const card = heavy('packed', 'Before')
    details.subscribe(FOLDER, card.id, () => {})
    const rewritten = heavy('packed', 'Rewritten')
    details.accept(FOLDER, [sentBatch([rewritten])])
    // The host and IndexedDB answer with the old card meanwhile: the batch is newer.
    host[0].resolve({ state: 'found', card })
    stored[0].resolve(card)
    await vi.waitFor(() => expect(details.get(FOLDER, card.id)).toMatchObject({ state: 'found', card: { title: 'Rewritten' } }))
    const shown = paneCard(details.get(FOLDER, card.id))
    expect(shown?.related).toHaveLength(40)
    expect(shown?.related[7]).toEqual(rewritten.related[7])
  })

  it('opens a card whose packed write is still queued from memory, asking nobody', async () => {
    const card = heavy('queued', 'Queued')
    const { sources, stored, host } = controlledSources(new Map([[card.id, bytesOfBase64(packCard(card))]]))
    const details = new CardDetails(sources)
    details.subscribe(FOLDER, card.id, () => {})
    await vi.waitFor(() => expect(paneCard(details.get(FOLDER, card.id))?.related).toEqual(card.related))
    expect(stored.length + host.length).toBe(0)
  })

  it('retries a failed card when it is opened again', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const card = makeCard('flaky')
    const stop = details.subscribe(FOLDER, card.id, () => {})
    host[0].reject(new Error('busy'))
    stored[0].resolve(undefined)
    await settle()
    expect(details.get(FOLDER, card.id).state).toBe('failed')
    stop()
    details.subscribe(FOLDER, card.id, () => {})
    host[1].resolve({ state: 'found', card })
    await settle()
    expect(details.get(FOLDER, card.id).state).toBe('found')
  })

  it('reads the cards on screen ahead from IndexedDB only; one opened then shows at once and the host is asked for the file as it is now', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const onScreen = makeCard('on-screen', { title: 'Saved copy' })
    const release = details.prefetch(FOLDER, [onScreen.id])
    expect(stored.map((read) => read.id)).toEqual([onScreen.id])
    expect(host).toEqual([])
    stored[0].resolve(onScreen)
    await settle()

    details.subscribe(FOLDER, onScreen.id, () => {})
    expect(details.get(FOLDER, onScreen.id)).toMatchObject({ state: 'found', card: { title: 'Saved copy' } })
    expect(host.map((read) => read.id)).toEqual([onScreen.id])
    host[0].resolve({ state: 'found', card: { ...onScreen, title: 'File now' } })
    await settle()
    expect(details.get(FOLDER, onScreen.id)).toMatchObject({ state: 'found', card: { title: 'File now' } })
    release()
  })

  it('opens a card read ahead that IndexedDB does not hold yet through the host, and never calls it removed on its own', async () => {
    const { sources, stored, host } = controlledSources()
    const details = new CardDetails(sources)
    const card = makeCard('not-saved-yet')
    details.prefetch(FOLDER, [card.id])
    details.subscribe(FOLDER, card.id, () => {})
    stored[0].resolve(undefined)
    await settle()
    expect(details.get(FOLDER, card.id).state).toBe('loading')
    host[0].resolve({ state: 'found', card })
    await settle()
    expect(details.get(FOLDER, card.id)).toMatchObject({ state: 'found', card: { id: card.id } })
  })
})

describe('paneCard', () => {
  it('shows "removed" only when the host said so: no state yet (folder not known) is loading', () => {
    const card = makeCard('a')
    expect(paneCard(null)).toBeUndefined()
    expect(paneCard(undefined)).toBeUndefined()
    expect(paneCard({ id: 'a', state: 'loading' })).toBeUndefined()
    expect(paneCard({ id: 'a', state: 'failed', message: 'unreadable' })).toBeUndefined()
    expect(paneCard({ id: 'a', state: 'removed' })).toBeNull()
    expect(paneCard({ id: 'a', state: 'found', card })).toBe(card)
  })
})
