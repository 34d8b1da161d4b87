// Two data folders on one card folder, playing two machines that share the folder
// through a sync tool: each runs a real app core on the real folder on disk.
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Mark } from '../../../shared/contract'
import { createAppCore, type AppCore } from '../app-core'
import { CardFolder, cardText } from '../library/testing/card-folder'
import { EventLog } from '../library/testing/event-log'
import { scanFolder } from '../scan/scan'
import { DEVICE_SETTINGS_FILE } from './device-settings'
import { MARKS_DIR } from './folder-marks-sync'
import { readFolderMarks } from './read-folder-marks'

const LIVE = { pollMs: 200, debounceMs: 40, maxWaitMs: 150, workers: 0 } as const
// What a user sees live: another machine's mark within a second of it reaching the folder.
const WITHIN_A_SECOND = { timeout: 1000, interval: 20 }
// Everything else: room for a machine shared with other work.
const SETTLE = { timeout: 3000, interval: 20 }
const DEVICE_A = 'aaaaaaaaaaaaaaaa'
const DEVICE_B = 'bbbbbbbbbbbbbbbb'

const read = (id: string, at: number, value = true): Mark => ({ id, read: value, readAt: value ? at : null, starred: false, starredAt: null, updatedAt: at })
const stateOf = (marks: Mark[]) => Object.fromEntries(marks.filter((mark) => mark.read || mark.starred).map((mark) => [mark.id, { read: mark.read, starred: mark.starred }]))

describe('marks kept with the folder, two machines on one folder', () => {
  let cards: CardFolder
  let dataDirs: string[]
  /** The folder's card ids: the journal shares only marks on the folder's own cards. */
  let story: string[]
  const cores: AppCore[] = []

  const machine = async (deviceId: string, wallTime?: () => number) => {
    const dataDir = await mkdtemp(join(tmpdir(), `tidings-device-${deviceId.slice(0, 1)}-`))
    dataDirs.push(dataDir)
    await writeFile(join(dataDir, DEVICE_SETTINGS_FILE), JSON.stringify({ deviceId, deviceName: `Machine ${deviceId.slice(0, 1).toUpperCase()}`, folders: [] }))
    const log = new EventLog()
    const core = createAppCore({ dataDir, host: 'browser', version: '0.0.0', sampleFolder: null, emit: log.emit, live: LIVE, marksSync: { pollMs: 50, wallTime } })
    cores.push(core)
    await core.openFolder({ folder: cards.path })
    await core.syncFolder({ folder: cards.path, manifest: [] })
    return { core, log, dataDir, shown: () => log.of('marks').flatMap((event) => event.marks) }
  }

  beforeEach(async () => {
    dataDirs = []
    cards = await CardFolder.create('tidings-shared-')
    for (let i = 0; i < 3; i++) await cards.write(`2024-03-0${i + 1}-story-${i}.md`, cardText({ title: `Story ${i}` }))
    story = (await scanFolder(cards.path, { workers: 0 })).cards.map((card) => card.id).sort()
  })
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close()
    await cards.dispose()
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true })
  })

  it('shows marks made on A on B, live, and seeds each device’s file from its journal', async () => {
    const a = await machine(DEVICE_A)
    // Marks made before the setting was on are in A's journal only (and one on a card of another folder)...
    await a.core.recordMarks({ marks: [read(story[0], 1_000), read('https://elsewhere.example/other-folder', 1_000)] })
    const b = await machine(DEVICE_B)
    expect(await a.core.setMarksSync({ folder: cards.path, enabled: true })).toMatchObject({ enabled: true, deviceId: DEVICE_A, deviceName: 'Machine A', error: null })
    // While B's setting is off, B is told who shares marks here.
    expect(await b.core.getMarksSync({ folder: cards.path })).toMatchObject({ enabled: false, devices: [{ id: DEVICE_A, name: 'Machine A', thisDevice: false }] })
    await b.core.setMarksSync({ folder: cards.path, enabled: true })
    // ...and reach B once A turns it on.
    await expect.poll(() => stateOf(b.shown()), WITHIN_A_SECOND).toEqual({ [story[0]]: { read: true, starred: false } })

    const mark = { ...read(story[1], Date.now()), starred: true, starredAt: Date.now() }
    await a.core.recordMarks({ marks: [mark] })
    await expect.poll(() => stateOf(b.shown())[story[1]], WITHIN_A_SECOND).toEqual({ read: true, starred: true })
    // A's own mark is not echoed back to A's window, nor journaled twice.
    expect(a.shown().filter((shown) => shown.id === story[1])).toEqual([])
    expect((await readFile(join(a.dataDir, 'marks.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(3)
    // B's journal took it, so it survives B losing its database.
    expect(stateOf(await b.core.loadMarks())).toEqual({ [story[0]]: { read: true, starred: false }, [story[1]]: { read: true, starred: true } })
    // Each device wrote only its own file.
    const status = await b.core.getMarksSync({ folder: cards.path })
    expect(status.devices.map((device) => [device.name, device.thisDevice])).toEqual([['Machine B', true], ['Machine A', false]])
    expect((await readFolderMarks(cards.path)).cards.map((card) => [card.id, card.read?.device])).toEqual([
      [story[0], DEVICE_A],
      [story[1], DEVICE_A]
    ])
  })

  it('resolves marks made at the same moment the same way on both machines', async () => {
    const frozen = () => 1_800_000_000_000
    const a = await machine(DEVICE_A, frozen)
    const b = await machine(DEVICE_B, frozen)
    await Promise.all([a.core.setMarksSync({ folder: cards.path, enabled: true }), b.core.setMarksSync({ folder: cards.path, enabled: true })])
    const at = frozen()
    // Both clocks say the same millisecond: A reads the story while B reads it and changes its mind.
    await Promise.all([
      a.core.recordMarks({ marks: [read('story-0', at)] }),
      (async () => {
        await b.core.recordMarks({ marks: [read('story-0', at)] })
        await b.core.recordMarks({ marks: [read('story-0', at, false)] })
      })(),
      a.core.recordMarks({ marks: [{ ...read('story-2', at, false), starred: true, starredAt: at }] }),
      b.core.recordMarks({ marks: [{ ...read('story-2', at, false), starred: false, starredAt: null }] })
    ])
    const folder = await readFolderMarks(cards.path)
    const expected = Object.fromEntries(folder.cards.map((card) => [card.id, { read: card.read?.value ?? false, starred: card.starred?.value ?? false }]))
    const journalOf = async (core: AppCore) => Object.fromEntries((await core.loadMarks()).map((mark) => [mark.id, { read: mark.read, starred: mark.starred }]))
    await expect.poll(() => journalOf(a.core), SETTLE).toEqual(expected)
    await expect.poll(() => journalOf(b.core), SETTLE).toEqual(expected)
    expect(expected['story-0']).toBeDefined()
  })

  it('reads a file copied in mid-write up to its last whole line, then the rest, and warns of damaged lines', async () => {
    const a = await machine(DEVICE_A)
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    const lines = ['{"device":"cccccccccccccccc","name":"Tablet"}', ...['one', 'two', 'three'].map((id, i) => JSON.stringify({ id: `story-${id}`, read: true, t: 1_700_000_000_000 + i, c: 0 }))]
    const full = lines.join('\n') + '\n'
    const path = join(cards.path, MARKS_DIR, 'cccccccccccccccc.jsonl')
    // A sync tool has copied in the first two marks and half of the third.
    await writeFile(path, full.slice(0, full.length - 20))
    await expect.poll(() => Object.keys(stateOf(a.shown())).sort(), SETTLE).toEqual(['story-one', 'story-two'])
    expect((await a.core.getMarksSync({ folder: cards.path })).warning).toBeNull()
    // The rest arrives, then a torn line and one more mark.
    await writeFile(path, full + '{"id":"story-x","re\n' + JSON.stringify({ id: 'story-four', starred: true, t: 1_700_000_000_009, c: 0 }) + '\n')
    await expect.poll(() => Object.keys(stateOf(a.shown())).sort(), WITHIN_A_SECOND).toEqual(['story-four', 'story-one', 'story-three', 'story-two'])
    const status = await a.core.getMarksSync({ folder: cards.path })
    expect(status.warning).toMatch(/Skipped 1 damaged line/)
    expect(status.devices.find((device) => device.id === 'cccccccccccccccc')).toMatchObject({ name: 'Tablet', marks: 4 })
  })

  it('keeps marks in the journal when the folder cannot be written, and shares them once it can', async () => {
    const a = await machine(DEVICE_A)
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    const ownFile = join(cards.path, MARKS_DIR, `${DEVICE_A}.jsonl`)
    // A folder where the device's file should be: every write to it fails.
    await rm(ownFile)
    await mkdir(ownFile)
    await a.core.recordMarks({ marks: [read('story-0', Date.now())] })
    const status = await a.core.getMarksSync({ folder: cards.path })
    expect(status.error).toMatch(/Cannot write this device's marks to .*aaaaaaaaaaaaaaaa\.jsonl .*kept in this device's journal/)
    expect(stateOf(await a.core.loadMarks())).toEqual({ 'story-0': { read: true, starred: false } })
    await rm(ownFile, { recursive: true })
    await expect.poll(async () => (await readFolderMarks(cards.path)).cards.map((card) => card.id), SETTLE).toEqual(['story-0'])
    await expect.poll(async () => (await a.core.getMarksSync({ folder: cards.path })).error, SETTLE).toBeNull()
  })

  it('carries a mark for every real card of a feed from one machine to the other', async () => {
    const real = await scanFolder('../shared/cards/real', { workers: 0 })
    const ids = real.cards.map((card) => card.id)
    expect(ids.length).toBeGreaterThan(0)
    const a = await machine(DEVICE_A)
    const b = await machine(DEVICE_B)
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    await b.core.setMarksSync({ folder: cards.path, enabled: true })
    const now = Date.now()
    // Every other card read, every third starred: one mark each, like a reader going down the list.
    const marks = ids.map((id, i) => ({ ...read(id, now + i, i % 2 === 0), starred: i % 3 === 0, starredAt: i % 3 === 0 ? now + i : null }))
    await a.core.recordMarks({ marks: marks.filter((mark) => mark.read || mark.starred) })
    const expected = stateOf(marks)
    await expect.poll(async () => stateOf(await b.core.loadMarks()), { timeout: 5000, interval: 50 }).toEqual(expected)
    expect(Object.keys(expected).length).toBe(marks.filter((mark) => mark.read || mark.starred).length)
  })

  it('stops sharing while the folder is unplugged and takes it up again when it is back', async () => {
    const a = await machine(DEVICE_A)
    const b = await machine(DEVICE_B)
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    await b.core.setMarksSync({ folder: cards.path, enabled: true })
    const away = `${cards.path}-unplugged`
    await rename(cards.path, away)
    await expect.poll(() => a.log.of('folder-status').at(-1)?.available, { timeout: 5000 }).toBe(false)
    await expect.poll(() => b.log.of('folder-status').at(-1)?.available, { timeout: 5000 }).toBe(false)
    await b.core.recordMarks({ marks: [read(story[2], Date.now())] })
    await rename(away, cards.path)
    await expect.poll(() => stateOf(a.shown()), { timeout: 5000 }).toEqual({ [story[2]]: { read: true, starred: false } })
  })

  it('loses and duplicates nothing when the setting is turned off and on again', async () => {
    const a = await machine(DEVICE_A)
    const b = await machine(DEVICE_B)
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    await b.core.setMarksSync({ folder: cards.path, enabled: true })
    await a.core.recordMarks({ marks: [read(story[0], Date.now())] })
    await expect.poll(() => stateOf(b.shown()), SETTLE).toEqual({ [story[0]]: { read: true, starred: false } })
    await a.core.setMarksSync({ folder: cards.path, enabled: false })
    // Made while off: kept locally, shared when it is on again.
    await a.core.recordMarks({ marks: [read(story[1], Date.now() + 1)] })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(stateOf(b.shown())).toEqual({ [story[0]]: { read: true, starred: false } })
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    await a.core.setMarksSync({ folder: cards.path, enabled: false })
    await a.core.setMarksSync({ folder: cards.path, enabled: true })
    await expect.poll(() => stateOf(b.shown()), SETTLE).toEqual({ [story[0]]: { read: true, starred: false }, [story[1]]: { read: true, starred: false } })
    const ownLines = (await readFile(join(cards.path, MARKS_DIR, `${DEVICE_A}.jsonl`), 'utf8')).trim().split('\n')
    expect(ownLines.filter((line) => line.includes('"id"'))).toHaveLength(2)
  })
})
