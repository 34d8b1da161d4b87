// The property test again through real files: each device's file reaches the other
// two machines' folders in random chunks, appended or put down whole by a rename
// (as Syncthing does), in random order, and each machine follows them with the
// same reader the app uses.
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seeded } from '../library/testing/seeded'
import { DeviceFileReader } from './device-file'
import { compareStamps, HybridClock } from './hlc'
import { markLine, type FieldMark } from './mark-lines'
import { MergedMarks } from './merged-marks'
import { scratchFolder } from '../testing/scratch-folder'

const DEVICES = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc']
const scratch = scratchFolder('tidings-marks-property-', 'all tests')

describe('marks shared by three devices through files (property)', () => {
  it('every device ends in the same state and no mark is lost, whatever the chunks and order', async () => {
    const random = seeded(7)
    const machines = await Promise.all(
      DEVICES.map(async (id, index) => {
        const folder = join(scratch.path, `machine-${index}`)
        await mkdir(folder)
        const wall = { now: 1_700_000_000_000 + random.int(30_000) }
        return { id, folder, clock: new HybridClock(id, () => (wall.now += random.int(3))), state: new MergedMarks(), text: '', readers: new Map<string, DeviceFileReader>(), delivered: new Map<string, number>() }
      })
    )
    const made: FieldMark[] = []

    const deliver = async (to: (typeof machines)[number], from: (typeof machines)[number], upTo: number): Promise<void> => {
      const path = join(to.folder, `${from.id}.jsonl`)
      const done = to.delivered.get(from.id) ?? 0
      const end = Math.min(upTo, Buffer.byteLength(from.text))
      if (end <= done) return
      const bytes = Buffer.from(from.text).subarray(0, end)
      if (random.int(5) === 0) {
        await writeFile(`${path}.tmp`, bytes)
        await rename(`${path}.tmp`, path)
      } else {
        await appendFile(path, bytes.subarray(done))
      }
      to.delivered.set(from.id, end)
      let reader = to.readers.get(from.id)
      if (!reader) to.readers.set(from.id, (reader = new DeviceFileReader(path, from.id)))
      for (const mark of (await reader.readNew()).marks) {
        to.clock.observe(mark.stamp)
        to.state.apply(mark)
      }
    }

    for (let step = 0; step < 1000; step++) {
      const machine = random.pick(machines)
      const mark: FieldMark = { id: `card-${random.int(40)}`, field: random.int(2) === 0 ? 'read' : 'starred', value: random.int(2) === 0, stamp: machine.clock.now() }
      made.push(mark)
      machine.state.apply(mark)
      machine.text += markLine(mark) + '\n'
      if (random.int(8) === 0) {
        const to = random.pick(machines)
        const from = random.pick(machines.filter((other) => other !== to))
        const done = to.delivered.get(from.id) ?? 0
        await deliver(to, from, done + random.int(Buffer.byteLength(from.text) - done + 1))
      }
    }
    const pairs = machines.flatMap((to) => machines.filter((from) => from !== to).map((from) => [to, from] as const))
    while (pairs.length > 0) {
      const [to, from] = pairs.splice(random.int(pairs.length), 1)[0]
      const size = Buffer.byteLength(from.text)
      while ((to.delivered.get(from.id) ?? 0) < size) await deliver(to, from, (to.delivered.get(from.id) ?? 0) + 1 + random.int(4000))
    }

    const latest = new Map<string, FieldMark>()
    for (const mark of made) {
      const key = `${mark.field}:${mark.id}`
      const known = latest.get(key)
      if (!known || compareStamps(mark.stamp, known.stamp) > 0) latest.set(key, mark)
    }
    const sorted = (marks: FieldMark[]) => [...marks].sort((a, b) => `${a.field}:${a.id}`.localeCompare(`${b.field}:${b.id}`))
    for (const machine of machines) {
      expect(sorted(machine.state.winners())).toEqual(sorted([...latest.values()]))
      for (const reader of machine.readers.values()) expect(reader.badLines).toBe(0)
    }
  }, 60_000)
})
