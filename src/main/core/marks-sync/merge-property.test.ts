// Three devices make 1,000 random marks between them; each device's file reaches
// the others in random order and random chunks (cut anywhere, even mid-line).
// Every device ends in the same state, and no mark is lost: each field holds the
// latest of all the marks made on it.
import { describe, expect, it } from 'vitest'
import { seeded } from '../library/testing/seeded'
import { compareStamps, HybridClock } from './hlc'
import { LineSplitter, markLine, parseMarkLine, type FieldMark } from './mark-lines'
import { MergedMarks } from './merged-marks'

const DEVICES = ['aaaa', 'bbbb', 'cccc']
const encoder = new TextEncoder()

interface Device {
  id: string
  clock: HybridClock
  state: MergedMarks
  /** What this device wrote, as bytes of its file. */
  file: Uint8Array[]
  /** Per other device: how many bytes of its file arrived here, and the splitter cutting them. */
  received: Map<string, { bytes: number; splitter: LineSplitter }>
}

function flatten(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    all.set(part, at)
    at += part.length
  }
  return all
}

function run(seed: number) {
  const random = seeded(seed)
  // Clocks disagree by up to a minute and drift at their own pace.
  const walls = DEVICES.map(() => 1_700_000_000_000 + random.int(60_000))
  const devices: Device[] = DEVICES.map((id, index) => ({
    id,
    clock: new HybridClock(id, () => (walls[index] += random.int(3))),
    state: new MergedMarks(),
    file: [],
    received: new Map(DEVICES.filter((other) => other !== id).map((other) => [other, { bytes: 0, splitter: new LineSplitter() }]))
  }))
  const made: FieldMark[] = []

  const deliver = (to: Device, from: Device, upTo: number): void => {
    const channel = to.received.get(from.id)!
    const all = flatten(from.file)
    const end = Math.min(upTo, all.length)
    if (end <= channel.bytes) return
    for (const line of channel.splitter.push(all.subarray(channel.bytes, end))) {
      const parsed = line === null ? null : parseMarkLine(line, from.id)
      if (parsed?.kind !== 'mark') throw new Error(`a whole line failed to parse: ${line}`)
      to.clock.observe(parsed.mark.stamp)
      to.state.apply(parsed.mark)
    }
    channel.bytes = end
  }

  for (let step = 0; step < 1000; step++) {
    const device = random.pick(devices)
    // A few cards, so devices keep marking the same ones at about the same time.
    const fieldMark: FieldMark = { id: `card-${random.int(40)}`, field: random.int(2) === 0 ? 'read' : 'starred', value: random.int(2) === 0, stamp: device.clock.now() }
    made.push(fieldMark)
    device.state.apply(fieldMark)
    device.file.push(encoder.encode(markLine(fieldMark) + '\n'))
    // Now and then a sync tool delivers part of some file somewhere, cut at any byte.
    if (random.int(3) === 0) {
      const to = random.pick(devices)
      const from = random.pick(devices.filter((other) => other !== to))
      const size = flatten(from.file).length
      const channel = to.received.get(from.id)!
      deliver(to, from, channel.bytes + random.int(size - channel.bytes + 1))
    }
  }
  // Finally everything arrives, in a random order of files and in chunks.
  const pairs = devices.flatMap((to) => devices.filter((from) => from !== to).map((from) => [to, from] as const))
  while (pairs.length > 0) {
    const [to, from] = pairs.splice(random.int(pairs.length), 1)[0]
    const size = flatten(from.file).length
    while (to.received.get(from.id)!.bytes < size) deliver(to, from, to.received.get(from.id)!.bytes + 1 + random.int(200))
  }
  return { devices, made }
}

describe('marks shared by three devices (property)', () => {
  for (const seed of [1, 2, 3, 42, 2026]) {
    it(`every device ends in the same state, and no mark is lost (seed ${seed})`, () => {
      const { devices, made } = run(seed)
      expect(made).toHaveLength(1000)
      const expected = new MergedMarks()
      const latest = new Map<string, FieldMark>()
      for (const one of made) {
        expected.apply(one)
        const key = `${one.field}:${one.id}`
        const known = latest.get(key)
        if (!known || compareStamps(one.stamp, known.stamp) > 0) latest.set(key, one)
      }
      const sorted = (marks: FieldMark[]) => [...marks].sort((a, b) => `${a.field}:${a.id}`.localeCompare(`${b.field}:${b.id}`))
      // No two marks share a stamp: the clock and device id make every mark distinct.
      expect(new Set(made.map((one) => `${one.stamp.t}/${one.stamp.c}/${one.stamp.d}`)).size).toBe(made.length)
      for (const device of devices) expect(sorted(device.state.winners())).toEqual(sorted([...latest.values()]))
      expect(sorted(expected.winners())).toEqual(sorted([...latest.values()]))
    })
  }
})
