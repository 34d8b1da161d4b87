import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, jsonLines } from './testing/run-cli'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const T = Date.UTC(2026, 11, 3, 8, 0, 0)
const line = (value: object) => JSON.stringify(value) + '\n'

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tidings-cli-marks-'))
  const dir = join(folder, '.tidings', 'marks')
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, `${LAPTOP}.jsonl`),
    line({ device: LAPTOP, name: 'Laptop' }) + line({ id: 'story-a', read: true, t: T, c: 0 }) + line({ id: 'story-b', starred: true, t: T, c: 1 }) + '{"id":"story-c","read":tr\n'
  )
  // Same time and counter as the laptop's read of story-a: the larger device id wins.
  await writeFile(join(dir, `${DESKTOP}.jsonl`), line({ device: DESKTOP, name: 'Desktop' }) + line({ id: 'story-a', read: false, t: T, c: 0 }) + line({ id: 'story-b', read: true, t: T + 5, c: 0 }))
  // Litter a sync tool leaves: never read as a device.
  await writeFile(join(dir, `${DESKTOP}.jsonl.1234.abcd.tmp`), 'garbage')
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('tidings marks FOLDER', () => {
  it('prints the merged marks with each mark’s device and time, and the devices found', async () => {
    const { code, out, err } = await cli('marks', folder)
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toContain('2 devices:')
    expect(out).toContain(`Laptop [${LAPTOP}]: 2 marks, last 2026-12-03T08:00:00.000Z, 1 damaged line skipped`)
    expect(out).toContain(`Desktop [${DESKTOP}]: 2 marks, last 2026-12-03T08:00:00.005Z`)
    expect(out).toContain('story-a: unread (Desktop, 2026-12-03T08:00:00.000Z)')
    expect(out).toContain('story-b: read (Desktop, 2026-12-03T08:00:00.005Z); starred (Laptop, 2026-12-03T08:00:00.000Z)')
    expect(out).toContain('Skipped 1 damaged line')
  })

  it('prints JSON lines with --json', async () => {
    const { code, out } = await cli('marks', folder, '--json')
    expect(code).toBe(0)
    const lines = jsonLines(out)
    expect(lines.filter((entry) => entry.type === 'device').map((entry) => entry.name)).toEqual(['Laptop', 'Desktop'])
    expect(lines.find((entry) => entry.id === 'story-b')).toEqual({
      type: 'mark',
      id: 'story-b',
      read: { value: true, device: DESKTOP, deviceName: 'Desktop', at: T + 5 },
      starred: { value: true, device: LAPTOP, deviceName: 'Laptop', at: T }
    })
    expect(lines.at(-1)).toEqual({ type: 'summary', folder, devices: 2, cards: 2, badLines: 1 })
  })

  it('says plainly when no device shares marks, and exits 2 for a missing folder', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'tidings-cli-nomarks-'))
    expect((await cli('marks', empty)).out).toMatch(/^No device keeps its marks in /)
    await rm(empty, { recursive: true })
    const missing = await cli('marks', empty)
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('it does not exist')
    expect((await cli('marks')).code).toBe(1)
  })
})
