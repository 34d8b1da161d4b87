// One round of changes to a folder's index (a sync, or a burst of watcher
// events), turned into what the renderer must do: cards to upsert or remove,
// manifest entries, errors. Only the ids a changed file touches are
// looked at, so a round costs what changed, not what the folder holds.
import type { Card, CardError } from '../../../shared/card'
import type { LibraryChange } from '../../../shared/contract'
import { compareCopies, type CopyEntry } from '../scan/copies'
import { FileIndex, toManifestEntry, type FileRecord } from './file-index'

/** One file as just read: a card or an error. */
export interface FileResult {
  path: string
  size: number
  mtimeMs: number
  card: Card | null
  error: CardError | null
}

export interface RoundChanges {
  read: FileResult[]
  /** Paths gone from disk. */
  gone: string[]
}

/** What the renderer must apply, before it is cut into batches. */
export interface RoundOutput extends LibraryChange<Card> {
  /** Files read to settle the round (winners whose aliases changed), beyond `read`. */
  rereads: number
}

interface CopyGroup {
  winner: string
  aliases: string[]
}

function resolveCopyGroup(entries: CopyEntry[]): CopyGroup | null {
  if (entries.length === 0) return null
  const sorted = [...entries].sort(compareCopies)
  return { winner: sorted[0].path, aliases: sorted.slice(1).map((entry) => entry.path) }
}

const sameCopies = (a: CopyGroup | null, b: CopyGroup | null): boolean =>
  a !== null && b !== null && a.winner === b.winner && a.aliases.length === b.aliases.length && a.aliases.every((path, i) => path === b.aliases[i])

const errorKeyOf = (error: CardError): string => `${error.code}:${error.message}`

export function emptyOutput(): RoundOutput {
  return { upserts: new Map(), removed: new Set(), files: new Map(), removedFiles: new Set(), errors: new Map(), clearedErrors: new Set(), rereads: 0 }
}

/**
 * Applies `changes` to `index` and works out the renderer's side of it.
 * `reread` reads a file again (an id's winner whose card is not in hand).
 */
export async function runRound(index: FileIndex, changes: RoundChanges, reread: (path: string) => Promise<FileResult>): Promise<RoundOutput> {
  const out = emptyOutput()
  const inHand = new Map<string, Card>()
  // Each touched id's copies as the renderer last saw it, taken before any change.
  const before = new Map<string, { group: CopyGroup | null; hadFiles: boolean }>()
  const queue: string[] = []
  const queued = new Set<string>()

  const touch = (id: string | null | undefined): void => {
    if (id === null || id === undefined) return
    if (!before.has(id)) before.set(id, { group: resolveCopyGroup(index.goodEntries(id)), hadFiles: index.fileCountOf(id) > 0 })
    if (!queued.has(id)) {
      queued.add(id)
      queue.push(id)
    }
  }

  const markGone = (path: string): void => {
    touch(index.get(path)?.id)
    const old = index.delete(path)
    inHand.delete(path)
    out.files.delete(path)
    if (old) out.removedFiles.add(path)
    out.errors.delete(path)
    out.clearedErrors.add(path)
  }

  const apply = (result: FileResult): void => {
    const old = index.get(result.path)
    if (result.card === null && (result.error === null || result.error.code === 'vanished')) return markGone(result.path)
    touch(old?.id)
    let record: FileRecord
    if (result.card !== null) {
      touch(result.card.id)
      record = { size: result.size, mtimeMs: result.mtimeMs, id: result.card.id, publishedAtMs: result.card.publishedAtMs, errorKey: null, verified: true }
      inHand.set(result.path, result.card)
      if (!old || old.errorKey !== null || !old.verified) {
        out.errors.delete(result.path)
        out.clearedErrors.add(result.path)
      }
    } else {
      const error = result.error!
      const errorKey = errorKeyOf(error)
      if (old && old.errorKey === errorKey && old.size === result.size && old.mtimeMs === result.mtimeMs) return
      // A card that turns bad keeps its last good version: the file keeps the id, marked bad.
      record = { size: result.size, mtimeMs: result.mtimeMs, id: old?.id ?? null, publishedAtMs: old?.publishedAtMs ?? null, errorKey, verified: true }
      inHand.delete(result.path)
      out.clearedErrors.delete(result.path)
      out.errors.set(result.path, error)
    }
    index.set(result.path, record)
    out.removedFiles.delete(result.path)
    out.files.set(result.path, toManifestEntry(result.path, record))
  }

  // Every touched id's "before" must be taken before the index changes.
  for (const result of changes.read) {
    touch(index.get(result.path)?.id)
    touch(result.card?.id)
  }
  for (const path of changes.gone) touch(index.get(path)?.id)
  for (const path of changes.gone) markGone(path)
  for (const result of changes.read) apply(result)

  // A read pointer, not shift(): shifting a 100k-long array is quadratic.
  for (let next = 0; next < queue.length; next++) {
    const id = queue[next]
    queued.delete(id)
    await settleCopies(id)
  }
  return out

  async function settleCopies(id: string): Promise<void> {
    const previous = before.get(id)!
    for (;;) {
      const group = resolveCopyGroup(index.goodEntries(id))
      if (group === null) {
        // No good file left. A file kept after turning bad still shows its last good version.
        out.upserts.delete(id)
        if (index.fileCountOf(id) === 0 && previous.hadFiles) out.removed.add(id)
        return
      }
      out.removed.delete(id)
      if (sameCopies(previous.group, group) && !inHand.has(group.winner) && !out.upserts.has(id)) return
      const card = inHand.get(group.winner)
      if (card === undefined) {
        out.rereads++
        const result = await reread(group.winner)
        touch(result.card?.id)
        apply(result)
        // The file is now in hand, or it left this group (turned bad, went, changed id): resolve again.
        continue
      }
      out.upserts.set(id, { ...card, path: group.winner, aliases: group.aliases })
      return
    }
  }
}
