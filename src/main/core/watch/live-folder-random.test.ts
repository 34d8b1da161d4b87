import { describe, expect, it, vi } from 'vitest'
import { BROKEN_CARD, cardText } from '../library/testing/card-folder'
import { freshState, plain } from '../library/testing/event-log'
import { seeded } from '../library/testing/seeded'
import { startedLiveFolder } from './testing/started-live-folder'

const SETTLE = { timeout: 15000, interval: 50 }

describe('live folder under a random mix of changes', () => {
  const started = startedLiveFolder('tidings-random-', { workers: 0, pollMs: 200, debounceMs: 30, maxWaitMs: 120 })

  // Copies (a few URLs shared by several files), renames, moves across folders,
  // deletes, broken files that get fixed: after every step the stream matches a fresh scan.
  // Seed 14 once caught a new folder listed before it was watched.
  it.each([1, 2, 3, 4, 5, 14])('stays in step with the disk (seed %i)', { timeout: 120_000 }, async (seed) => {
    const random = seeded(seed)
    const urls = Array.from({ length: 6 }, (_, i) => `https://news.example.com/story-${i}`)
    const folders = ['', 'a/', 'a/b/', 'c/']
    const files = new Map<string, 'good' | 'broken'>()
    const newPath = () => `${random.pick(folders)}2024-0${1 + random.int(9)}-${10 + random.int(18)}-f${random.int(1000)}.md`
    const goodCard = () =>
      cardText({ title: `T${random.int(100)}`, url: random.pick(urls), publishedAt: `2024-0${1 + random.int(9)}-1${random.int(9)}T0${random.int(9)}:00:00Z`, related: random.int(3) })

    for (let step = 0; step < 40; step++) {
      const existing = [...files.keys()]
      const good = existing.filter((path) => files.get(path) === 'good')
      const op = existing.length < 3 ? 0 : random.int(7)
      if (op <= 1) {
        const path = newPath()
        if (random.int(6) === 0 && !files.has(path)) {
          await started.folder.write(path, BROKEN_CARD)
          files.set(path, 'broken')
        } else if (files.get(path) !== 'good') {
          await started.folder.write(path, goodCard())
          files.set(path, 'good')
        }
      } else if (op === 2 && good.length > 0) {
        // A rewrite, sometimes to another story's URL; a good card never turns bad here (it would keep its last good version).
        await started.folder.atomicWrite(random.pick(good), goodCard())
      } else if (op === 3) {
        const from = random.pick(existing)
        const to = newPath()
        if (!files.has(to)) {
          await started.folder.move(from, to)
          files.set(to, files.get(from)!)
          files.delete(from)
        }
      } else if (op === 4) {
        const path = random.pick(existing)
        await started.folder.remove(path)
        files.delete(path)
      } else if (op === 5) {
        const broken = existing.filter((path) => files.get(path) === 'broken')
        if (broken.length > 0) {
          const path = random.pick(broken)
          await started.folder.write(path, goodCard())
          files.set(path, 'good')
        }
      } else if (op === 6 && random.int(4) === 0) {
        const dir = random.pick(folders.filter((f) => f !== ''))
        await started.folder.remove(dir)
        for (const path of existing) if (path.startsWith(dir)) files.delete(path)
      }
      if (random.int(3) === 0 || step === 39) await vi.waitFor(async () => expect(plain(started.log.state)).toEqual(await freshState(started.folder.path)), SETTLE)
    }
  })
})
