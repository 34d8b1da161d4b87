import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TidingsEvent } from '../../../shared/contract'
import { createAppCore, type AppCore } from '../app-core'
import { CardFolder, cardText } from './testing/card-folder'
import { EventLog } from './testing/event-log'

/** A host whose serialiser gives up past a size, as JSON.stringify does past the longest string V8 can hold. */
const SERIALISE_LIMIT = 1_000_000

describe('a card too big to send never costs the others theirs', () => {
  let folder: CardFolder
  let dataDir: string
  let core: AppCore
  let log: EventLog
  let refusedSends: number

  beforeEach(async () => {
    folder = await CardFolder.create('tidings-isolate-')
    log = new EventLog()
    refusedSends = 0
    dataDir = await mkdtemp(join(tmpdir(), 'tidings-data-'))
    for (let i = 0; i < 30; i++) await folder.write(`2024-01-${String(i + 1).padStart(2, '0')}-card.md`, cardText({ title: `Card ${i}`, publishedAt: `2024-01-${String(i + 1).padStart(2, '0')}T10:00:00Z` }))
    const huge = cardText({ title: 'Huge', publishedAt: '2024-01-15T12:00:00Z' }).replace('type: article', `type: article\nexcerpt: "${'x'.repeat(1.5 * SERIALISE_LIMIT)}"`)
    await folder.write('2024-01-15-huge.md', huge)
    const emit = (event: TidingsEvent): void => {
      const json = JSON.stringify(event)
      if (json.length > SERIALISE_LIMIT) {
        refusedSends++
        throw new RangeError('Invalid string length')
      }
      log.emit(JSON.parse(json))
    }
    core = createAppCore({ dataDir, host: 'browser', version: '1', sampleFolder: null, emit, live: { workers: 0, pollMs: 200, debounceMs: 40, maxWaitMs: 150 } })
  })
  afterEach(async () => {
    await core.close()
    await folder.dispose()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('sends every other card, shows the big one as an error for its file, and keeps seq gapless', async () => {
    await core.openFolder({ folder: folder.path })
    await core.syncFolder({ folder: folder.path, manifest: [] })
    expect(refusedSends).toBeGreaterThan(0)
    expect([...log.state.cards.values()].map((card) => card.title).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Card ${i}`).sort())
    expect(log.state.errors.get('2024-01-15-huge.md')).toMatchObject({ code: 'too-large', message: expect.stringContaining('too big to send') })
    expect(log.state.files.get('2024-01-15-huge.md')).toMatchObject({ id: null })
    const seqs = log.batches().map((batch) => batch.seq)
    expect(seqs.slice(1).map((seq, i) => seq - seqs[i])).toEqual(seqs.slice(1).map(() => 1))
  })

  it('serve: a 1 MB card whose aliases expand to 2 GB is one error; the host lives and every other card arrives', async () => {
    await folder.remove('2024-01-15-huge.md')
    await folder.write('bomb.md', `---\ntitle: bomb\nblob: &s "${'x'.repeat(1024 * 1024)}"\nbomb: [${Array(2000).fill('*s').join(', ')}]\n---\n`)
    await core.openFolder({ folder: folder.path })
    const result = await core.syncFolder({ folder: folder.path, manifest: [] })
    expect(result).toMatchObject({ cards: 30, errors: 1 })
    expect(log.state.errors.get('bomb.md')).toMatchObject({ code: 'yaml-too-complex' })
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 ** 3)
  })
})
