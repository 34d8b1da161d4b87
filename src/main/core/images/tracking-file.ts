import { createHash } from 'node:crypto'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { TrackedCard } from './tracking'

// A restart with an unchanged folder sends no batch (nothing is re-read), so the folder's images
// (its offline count, the downloads still owed, the starred cards' images) are remembered here.
//
// One file per folder, JSON lines:
//   {"v":2,"folder":"/abs/path"}          the header
//   "https://..."                          a URL, numbered 0, 1, 2... in order of appearance
//   ["card-id",publishedAtMs,[0,1],[2]]    a card: its own images, then related images and logos
//   ["card-id",null]                       the card is gone
// A later line of a card replaces the earlier one. The cards that changed are appended a while after
// they change; the file is rewritten whole (temp file + rename, so never torn) when it is first
// written in a session or has grown to over twice its cards. Rewriting it whole on every save cost
// ~1.9 s of CPU in a 10k sync (a rewrite of everything so far every few seconds). A URL shared by many
// cards (a provider's logo) is written once per rewrite, and once per append that names it.

export const FOLDERS_DIR = 'folders'
const VERSION = 2
/** Version 1 files (rewritten whole, no removal lines) read the same way. */
const READABLE_VERSIONS: readonly unknown[] = [1, VERSION]
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
export async function readTracking(path: string, folder: string, onCard: (card: SavedCard) => void, onRemoved: (id: string) => void = () => undefined): Promise<boolean> {
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
    else if (isCardLine(value) || isRemovalLine(value)) {
      try {
        if (value[1] === null) onRemoved(value[0])
        else onCard({ id: value[0], publishedAtMs: value[1], own: urlsOf(value[2]), related: urlsOf(value[3]) })
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

/** Writes the cards atomically: a reader sees the old file or the new one, never a part. Resolves the count of URL lines. */
export async function writeTracking(
  path: string,
  tempPath: string,
  folder: string,
  cards: Iterable<[string, TrackedCard]>,
  urlOf: (slot: number) => string | undefined
): Promise<number> {
  await mkdir(dirname(path), { recursive: true })
  await mkdir(dirname(tempPath), { recursive: true })
  const handle = await open(tempPath, 'w')
  let urlCount: number
  try {
    // The line number of each image's URL, by slot: 4 bytes a slot off the heap, where a Map of
    // 1.5 million entries (100k cards) held ~40 MB of V8 heap for the length of the write.
    let urlIds: Int32Array = new Int32Array(1024).fill(-1)
    const ids: UrlIds = {
      get: (slot) => (slot < urlIds.length ? urlIds[slot] : -1),
      set: (slot, id) => {
        if (slot >= urlIds.length) urlIds = grownIds(urlIds, slot)
        urlIds[slot] = id
      }
    }
    urlCount = await writeCards(handle, JSON.stringify({ v: VERSION, folder }) + '\n', cards, urlOf, ids, 0)
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
  return urlCount
}

/**
 * Appends the lines of cards that changed (null: the card is gone) to a file written by
 * writeTracking; `urlCount` is how many URL lines the file holds. Resolves the new count. A crash
 * mid-append leaves a torn last line, which the reader skips (and the next session rewrites the file).
 */
export async function appendTracking(
  path: string,
  cards: Iterable<[string, TrackedCard | null]>,
  urlOf: (slot: number) => string | undefined,
  urlCount: number
): Promise<number> {
  const handle = await open(path, 'a')
  try {
    // A few thousand cards at most: a Map, not a column the size of the index.
    const urlIds = new Map<number, number>()
    const ids: UrlIds = { get: (slot) => urlIds.get(slot) ?? -1, set: (slot, id) => void urlIds.set(slot, id) }
    const count = await writeCards(handle, '', cards, urlOf, ids, urlCount)
    await handle.sync()
    return count
  } finally {
    await handle.close()
  }
}

interface UrlIds {
  get(slot: number): number
  set(slot: number, id: number): void
}

async function writeCards(
  handle: FileHandle,
  start: string,
  cards: Iterable<[string, TrackedCard | null]>,
  urlOf: (slot: number) => string | undefined,
  urlIds: UrlIds,
  firstUrlId: number
): Promise<number> {
  let urlCount = firstUrlId
  let chunk = start
  for (const [id, card] of cards) {
    if (card === null) {
      chunk += JSON.stringify([id, null]) + '\n'
    } else {
      const own: number[] = []
      const related: number[] = []
      card.slots.forEach((slot, i) => {
        let urlId = urlIds.get(slot)
        if (urlId < 0) {
          const url = urlOf(slot)
          if (!url) return
          urlIds.set(slot, (urlId = urlCount++))
          chunk += JSON.stringify(url) + '\n'
        }
        ;(i < card.ownCount ? own : related).push(urlId)
      })
      chunk += JSON.stringify([id, card.publishedAtMs, own, related]) + '\n'
    }
    if (chunk.length >= CHARS_PER_WRITE) {
      await handle.write(chunk)
      chunk = ''
    }
  }
  await handle.write(chunk)
  return urlCount
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
  return typeof header === 'object' && header !== null && READABLE_VERSIONS.includes(header.v) && header.folder === folder
}

function isCardLine(value: unknown): value is [string, number, unknown, unknown] {
  return Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number' && Number.isFinite(value[1])
}

function isRemovalLine(value: unknown): value is [string, null] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && value[1] === null
}
