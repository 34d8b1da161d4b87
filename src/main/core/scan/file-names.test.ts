import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { run } from '../../cli/scan-command'
import { CardFolder, cardText } from '../library/testing/card-folder'
import { EventLog } from '../library/testing/event-log'
import { LiveFolder } from '../watch/live-folder'
import { escapedNameOf, utf8NameOf } from './file-names'
import { scanFolder } from './scan'

const SETTLE = { timeout: 15000, interval: 50 }
/** `café.md` in Latin-1: a valid file on Linux whose name is not UTF-8. */
const LATIN1_NAME = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6d, 0x64])
const inFolder = (folder: string, ...parts: Buffer[]) => Buffer.concat([Buffer.from(`${folder}/`), ...parts])

describe('file names that are not UTF-8', () => {
  let folder: CardFolder
  let live: LiveFolder | undefined

  beforeEach(async () => {
    folder = await CardFolder.create('tidings-names-')
    await folder.write('2024-01-01-good.md', cardText({ title: 'Good', url: 'https://news.example.com/good' }))
  })
  afterEach(async () => {
    await live?.close()
    live = undefined
    await folder.dispose()
  })

  it('escapes the bytes of a name that is not UTF-8, and leaves UTF-8 names alone', () => {
    expect(utf8NameOf(LATIN1_NAME)).toBeNull()
    expect(escapedNameOf(LATIN1_NAME)).toBe('caf\\xE9.md')
    expect(utf8NameOf(Buffer.from('café.md'))).toBe('café.md')
  })

  it('scan reports the file and a folder by their escaped names (never "vanished") and reads every other card', async () => {
    await writeFile(inFolder(folder.path, LATIN1_NAME), cardText({ title: 'Latin-1 name' }))
    await mkdir(inFolder(folder.path, Buffer.from([0x64, 0xff])))
    await writeFile(inFolder(folder.path, Buffer.from([0x64, 0xff]), Buffer.from('/inside.md')), cardText({ title: 'In a bad folder' }))
    await writeFile(inFolder(folder.path, Buffer.from([0xfe]), Buffer.from('.txt')), 'not a card: no error')
    const result = await scanFolder(folder.path)
    expect(result.cards.map((card) => card.title)).toEqual(['Good'])
    expect(result.errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'caf\\xE9.md', code: 'name-not-utf8' },
      { path: 'd\\xFF', code: 'name-not-utf8' }
    ])
    expect(result.errors[0].message).toContain('not valid UTF-8')
  })

  it('scan --json prints an error line naming the file', async () => {
    await writeFile(inFolder(folder.path, LATIN1_NAME), cardText({ title: 'Latin-1 name' }))
    let out = ''
    expect(await run([folder.path, '--json'], { out: (text) => void (out += text), err: () => undefined, interactive: false })).toBe(0)
    const lines = out.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines.filter((line) => line.type === 'card')).toHaveLength(1)
    expect(lines.find((line) => line.type === 'error')).toMatchObject({ path: 'caf\\xE9.md', code: 'name-not-utf8' })
  })

  it('serve and --watch (the live folder) report it at the first sync, when one is added, and forget it when removed', async () => {
    await writeFile(inFolder(folder.path, LATIN1_NAME), cardText({ title: 'Latin-1 name' }))
    const log = new EventLog()
    live = new LiveFolder({ folder: folder.path, emit: log.emit, workers: 0, pollMs: 200, debounceMs: 40, maxWaitMs: 150 })
    await live.start()
    await live.sync([])
    expect(log.state.errors.get('caf\\xE9.md')).toMatchObject({ code: 'name-not-utf8' })
    expect(log.state.cards.size).toBe(1)

    await mkdir(join(folder.path, 'sub'))
    await writeFile(inFolder(folder.path, Buffer.from('sub/'), Buffer.from([0x6e, 0xe4, 0x2e, 0x6d, 0x64])), cardText({ title: 'Added later' }))
    await vi.waitFor(() => expect(log.state.errors.get('sub/n\\xE4.md')).toMatchObject({ code: 'name-not-utf8' }), SETTLE)

    await rm(inFolder(folder.path, LATIN1_NAME))
    await vi.waitFor(() => expect(log.state.errors.has('caf\\xE9.md')).toBe(false), SETTLE)
    expect([...log.state.cards.values()].map((card) => card.title)).toEqual(['Good'])
  })
})
