// getCard: one card read from its file for the reading pane, on real
// related-heavy cards, beside a sync and never a false "removed".
import { copyFile, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LibraryBatch } from '../../shared/contract'
import { createAppCore, type AppCore } from './app-core'
import { safeCardPath } from './library/read-one-card'

const HEAVY = resolve('../shared/cards/related-heavy')
const LIVE = { pollMs: 200, debounceMs: 40, maxWaitMs: 150, workers: 0 } as const

describe('app core getCard', () => {
  let dataDir: string
  let folder: string
  let names: string[]
  let core: AppCore
  const batches: LibraryBatch[] = []

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tidings-data-'))
    folder = await mkdtemp(join(tmpdir(), 'tidings-heavy-'))
    // The cards with the longest related lists are the ones that were slow to open.
    names = (await readdir(HEAVY)).filter((name) => name.endsWith('.md')).slice(0, 40)
    for (const name of names) await copyFile(join(HEAVY, name), join(folder, name))
    batches.length = 0
    core = createAppCore({ dataDir, host: 'browser', version: '0', sampleFolder: null, live: LIVE, emit: (event) => event.type === 'batch' && batches.push(event.batch) })
    await core.openFolder({ folder })
  })
  afterEach(async () => {
    await core.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(folder, { recursive: true, force: true })
  })

  it('reads a card with its related list from its file, before any sync, and says removed only once the file is gone', async () => {
    await core.syncFolder({ folder, manifest: [] })
    const sent = batches.flatMap((batch) => batch.upsert)
    const heavy = sent.reduce((best, card) => (card.related.length > best.related.length ? card : best))
    expect(heavy.related.length).toBeGreaterThan(10)
    await core.close()

    // A restarted host that has not synced yet finds it through the path the page names.
    core = createAppCore({ dataDir, host: 'browser', version: '0', sampleFolder: null, live: LIVE, emit: () => {} })
    await core.openFolder({ folder })
    const found = await core.getCard({ folder, id: heavy.id, path: heavy.path })
    expect(found).toMatchObject({ state: 'found', card: { id: heavy.id, title: heavy.title } })
    expect(found.state === 'found' && found.card.related.length).toBe(heavy.related.length)
    // Without a path and before a sync, the host cannot tell: never "removed".
    expect(await core.getCard({ folder, id: heavy.id })).toMatchObject({ state: 'unknown' })

    await unlink(join(folder, heavy.path))
    expect(await core.getCard({ folder, id: heavy.id, path: heavy.path })).toEqual({ state: 'removed' })
  })

  it('answers while a sync runs, and keeps an unreadable file as unknown with the reason', async () => {
    const syncing = core.syncFolder({ folder, manifest: [] })
    const name = names[names.length - 1]
    const answer = await core.getCard({ folder, id: 'whatever', path: name })
    // The file gives another id: for this id it is gone.
    expect(answer).toEqual({ state: 'removed' })
    await syncing
    const card = batches.flatMap((batch) => batch.upsert).find((candidate) => candidate.path === name)!
    await writeFile(join(folder, name), '---\ntitle: [unclosed\n---\n')
    const broken = await core.getCard({ folder, id: card.id, path: name })
    expect(broken.state).toBe('unknown')
    expect(broken.state === 'unknown' && broken.reason).toContain(name)
  })

  it('refuses paths outside the folder and folders that are not open', async () => {
    expect(safeCardPath('../secret.md')).toBeNull()
    expect(safeCardPath('/etc/passwd')).toBeNull()
    expect(safeCardPath('a/../../b.md')).toBeNull()
    expect(safeCardPath('sub\\x.md')).toBeNull()
    expect(safeCardPath('notes.txt')).toBeNull()
    expect(safeCardPath('2024/a-card.md')).toBe('2024/a-card.md')
    expect(await core.getCard({ folder: '/somewhere/else', id: 'x', path: names[0] })).toEqual({ state: 'unknown', reason: 'it is not the open folder' })
  })
})
