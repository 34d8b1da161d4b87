// `tidings scan --json` has its scan workers print the cards: each line must be exactly the line this
// thread would print for the card, with the hash of its id. Runs the built worker (out/main/scan-worker.js).
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readCardFileSync } from '../parse/parse-card'
import { sharedCards } from '../testing/shared-cards'
import { cardLineText, hashId } from './card-line'
import type { ScannedFile } from './read-files'
import { streamFolder } from './scan'

const BUILT_WORKER = resolve(__dirname, '../../../../out/main/scan-worker.js')

describe('card lines made in scan workers', () => {
  it('are the lines this thread prints, with the id hash, for every real related-heavy card', async () => {
    if (!existsSync(BUILT_WORKER)) throw new Error(`${BUILT_WORKER} is not built: run npm run build first`)
    const folder = sharedCards('related-heavy')
    const files: ScannedFile[] = []
    await streamFolder(folder, { workers: 2, workerScript: pathToFileURL(BUILT_WORKER), lines: true, chunkSize: 50, onFiles: (chunk) => void files.push(...chunk) })

    const fromWorkers = files.filter((file) => file.line !== undefined)
    // The first chunk is read in this thread while the workers start; the rest come as lines.
    expect(fromWorkers.length).toBeGreaterThan(files.length / 2)
    for (const file of fromWorkers) {
      expect(file.card).toBeNull()
      const read = readCardFileSync(folder, file.path)
      if (!read.outcome.ok) throw new Error(`${file.path}: ${read.outcome.error.message}`)
      expect(Buffer.from(file.line!.bytes).toString('utf8'), file.path).toBe(cardLineText(read.outcome.card))
      expect(file.line!.idHash).toBe(hashId(read.outcome.card.id))
    }
    for (const file of files) if (file.line === undefined) expect(file.card ?? file.error, file.path).not.toBeNull()
  }, 60_000)
})
