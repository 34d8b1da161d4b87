import { createHash } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { TrackedCard } from './tracking'

// A restart with an unchanged folder sends no batch (nothing is re-read), so the folder's images
// (its offline count, the downloads still owed, the starred cards' images) are remembered here.
//
// One file per folder, JSON lines, rewritten whole (temp file + rename) so it is never torn:
//   {"v":1,"folder":"/abs/path"}          the header
//   "https://..."                          a URL, numbered 0, 1, 2... in order of appearance
//   ["card-id",publishedAtMs,[0,1],[2]]    a card: its own images, then related images and logos
// A URL shared by many cards (a provider's logo) is written once.

export const FOLDERS_DIR = 'folders'
const VERSION = 1
/**
 * Characters serialised between two writes to the file (each write lets the process answer meanwhile).
 * Small, so each piece dies young: 4,000 cards' lines (~76k strings at 10k real cards) held across a
 * write outlived the young generation and left several MB of old-space garbage per rewrite during a sync.
 */
const CHARS_PER_WRITE = 64 * 1024

export interface SavedCard {
  id: string
  publishedAtMs: number
  own: string[]
  related: string[]
}

/** sha256 of the folder's path: the file is never named from the path itself. */
export function folderKey(folder: string): string {
  return createHash('sha256').update(folder, 'utf8').digest('hex')
}

export function trackingFileOf(cacheDir: string, folder: string): string {
  return join(cacheDir, FOLDERS_DIR, `${folderKey(folder)}.jsonl`)
}

/**
 * Streams the saved cards of `folder` to `onCard` (the process keeps answering between chunks).
 * Resolves false when there is no file, or it belongs to another folder or version. Lines that do
 * not parse are skipped.
 */
export async function readTracking(path: string, folder: string, onCard: (card: SavedCard) => void): Promise<boolean> {
  let file
  try {
    file = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
  const input = file.createReadStream({ encoding: 'utf8', highWaterMark: 64 * 1024 })
  const lines = createInterface({ input, crlfDelay: Infinity })
  const urls: string[] = []
  let header: boolean | null = null
  let failure: unknown = null
  const urlsOf = (ids: unknown): string[] => (Array.isArray(ids) ? ids.map((id) => urls[id as number]).filter((url) => typeof url === 'string') : [])
  const done = new Promise<void>((resolve, reject) => {
    // readline passes its input's errors on as its own.
    lines.once('error', reject)
    lines.once('close', resolve)
  })
  lines.on('line', (text) => {
    if (header === false || !text) return
    const value = parseJson(text)
    if (header === null) {
      header = isHeaderOf(value, folder)
      if (!header) lines.close()
      return
    }
    if (typeof value === 'string') urls.push(value)
    else if (isCardLine(value)) {
      try {
        onCard({ id: value[0], publishedAtMs: value[1], own: urlsOf(value[2]), related: urlsOf(value[3]) })
      } catch (error) {
        // Thrown out of a stream's event it would be uncaught: stop and hand it to the caller instead.
        failure = error
        header = false
        lines.close()
      }
    }
  })
  try {
    await done
  } finally {
    input.destroy()
    await file.close().catch(() => undefined)
  }
  if (failure) throw failure
  return header === true
}

/** Writes the cards atomically: a reader sees the old file or the new one, never a part. */
export async function writeTracking(
  path: string,
  tempPath: string,
  folder: string,
  cards: Iterable<[string, TrackedCard]>,
  urlOf: (slot: number) => string | undefined
): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await mkdir(dirname(tempPath), { recursive: true })
  const handle = await open(tempPath, 'w')
  try {
    // The line number of each image's URL, by slot: 4 bytes a slot off the heap, where a Map of
    // 1.5 million entries (100k cards) held ~40 MB of V8 heap for the length of the write.
    let urlIds: Int32Array = new Int32Array(1024).fill(-1)
    let urlCount = 0
    let chunk = JSON.stringify({ v: VERSION, folder }) + '\n'
    for (const [id, card] of cards) {
      const own: number[] = []
      const related: number[] = []
      card.slots.forEach((slot, i) => {
        if (slot >= urlIds.length) urlIds = grownIds(urlIds, slot)
        let urlId = urlIds[slot]
        if (urlId < 0) {
          const url = urlOf(slot)
          if (!url) return
          urlIds[slot] = urlId = urlCount++
          chunk += JSON.stringify(url) + '\n'
        }
        ;(i < card.ownCount ? own : related).push(urlId)
      })
      chunk += JSON.stringify([id, card.publishedAtMs, own, related]) + '\n'
      if (chunk.length >= CHARS_PER_WRITE) {
        await handle.write(chunk)
        chunk = ''
      }
    }
    await handle.write(chunk)
    await handle.sync()
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(tempPath, { force: true }).catch(() => undefined)
    throw error
  }
  await handle.close()
  await rename(tempPath, path).catch(async (error: unknown) => {
    await rm(tempPath, { force: true }).catch(() => undefined)
    throw error
  })
}

function grownIds(ids: Int32Array, slot: number): Int32Array {
  const bigger = new Int32Array(Math.max(slot + 1, Math.ceil(ids.length * 1.5))).fill(-1)
  bigger.set(ids)
  return bigger
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isHeaderOf(value: unknown, folder: string): boolean {
  const header = value as { v?: unknown; folder?: unknown } | null
  return typeof header === 'object' && header !== null && header.v === VERSION && header.folder === folder
}

function isCardLine(value: unknown): value is [string, number, unknown, unknown] {
  return Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number' && Number.isFinite(value[1])
}
