import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Mark } from '../../../shared/contract'
import { writeFileAtomic } from './atomic-write'
import { SerialQueue } from '../../../shared/serial-queue'

export const JOURNAL_FILE_NAME = 'marks.jsonl'

export interface MarkJournalOptions {
  /** Compact once this many lines are superseded, and at least as many as there are live marks. */
  compactAfterSuperseded?: number
}

/**
 * Every read/star mark, one JSON line each, appended to <dataDir>/marks.jsonl.
 * The newest `updatedAt` per card id wins (a tie goes to the later line), so the
 * journal survives any IndexedDB loss and replays to the same set of marks.
 */
export interface MarkJournal {
  readonly path: string
  /** Appends the marks that change the current set; returns those that took effect. */
  append(marks: readonly Mark[]): Promise<Mark[]>
  /** The current set: one mark per id. */
  load(): Promise<Mark[]>
  /** Rewrites the file with one line per id (temp file + rename). */
  compact(): Promise<void>
  close(): Promise<void>
}

export function isMark(value: unknown): value is Mark {
  if (typeof value !== 'object' || value === null) return false
  const mark = value as Record<string, unknown>
  const optionalTime = (time: unknown): boolean => time === null || (typeof time === 'number' && Number.isFinite(time))
  return (
    typeof mark.id === 'string' &&
    mark.id.length > 0 &&
    typeof mark.read === 'boolean' &&
    typeof mark.starred === 'boolean' &&
    optionalTime(mark.readAt) &&
    optionalTime(mark.starredAt) &&
    typeof mark.updatedAt === 'number' &&
    Number.isFinite(mark.updatedAt)
  )
}

const toLine = (mark: Mark): string =>
  JSON.stringify({ id: mark.id, read: mark.read, readAt: mark.readAt, starred: mark.starred, starredAt: mark.starredAt, updatedAt: mark.updatedAt })

export function openMarkJournal(dataDir: string, options: MarkJournalOptions = {}): MarkJournal {
  const path = join(dataDir, JOURNAL_FILE_NAME)
  const compactAfter = options.compactAfterSuperseded ?? 1000
  const marks = new Map<string, Mark>()
  let lineCount = 0
  // A torn last line (a crash mid-append) has no newline; the next append starts a fresh line.
  let endsMidLine = false
  let loaded: Promise<void> | null = null
  // Every file operation runs in turn, so appends and compactions never interleave.
  const queue = new SerialQueue()
  let closed = false

  const supersedes = (mark: Mark): boolean => {
    const known = marks.get(mark.id)
    return !known || (mark.updatedAt >= known.updatedAt && toLine(known) !== toLine(mark))
  }

  const readExisting = async (): Promise<void> => {
    await mkdir(dataDir, { recursive: true })
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      lineCount++
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        continue
      }
      if (isMark(value) && supersedes(value)) marks.set(value.id, value)
    }
    endsMidLine = text.length > 0 && !text.endsWith('\n')
  }

  const ensureLoaded = (): Promise<void> => (loaded ??= readExisting())

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    return queue.run(async () => {
      if (closed) throw new Error('The mark journal is closed')
      await ensureLoaded()
      return task()
    })
  }

  const shouldCompact = (): boolean => {
    const superseded = lineCount - marks.size
    return superseded >= compactAfter && superseded >= marks.size
  }

  const rewrite = async (): Promise<void> => {
    const lines = [...marks.values()].map(toLine)
    await writeFileAtomic(path, lines.length ? lines.join('\n') + '\n' : '')
    lineCount = lines.length
    endsMidLine = false
  }

  const appendLines = async (lines: string[]): Promise<void> => {
    const handle = await open(path, 'a')
    try {
      await handle.writeFile((endsMidLine ? '\n' : '') + lines.join('\n') + '\n', 'utf8')
      await handle.datasync()
    } finally {
      await handle.close()
    }
    endsMidLine = false
    lineCount += lines.length
  }

  return {
    path,
    append: (incoming) =>
      run(async () => {
        const accepted: Mark[] = []
        for (const mark of incoming) {
          if (!isMark(mark) || !supersedes(mark)) continue
          marks.set(mark.id, mark)
          accepted.push(mark)
        }
        if (accepted.length > 0) await appendLines(accepted.map(toLine))
        if (shouldCompact()) await rewrite()
        return accepted
      }),
    load: () =>
      run(async () => {
        if (shouldCompact()) await rewrite()
        return [...marks.values()]
      }),
    compact: () => run(rewrite),
    close: async () => {
      await queue.idle()
      closed = true
    }
  }
}

