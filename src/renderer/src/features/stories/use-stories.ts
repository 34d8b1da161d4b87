// Keeps the worker's stories in step with the folder's rows: the whole folder
// once, then only the cards whose text or time changed, and once more from
// scratch when a sync ends (so the list agrees with `tidings stories`).
import { startTransition, useEffect, useRef, useState } from 'react'
import type { StoryInput } from '../../../../shared/stories'
import type { CardRow } from '../../db/database'
import { useCurrentFolder, useLibraryPhase, useLibraryRows } from '../../data/hooks'
import { useLibrary } from '../../data/library-context'
import { StoryMap } from './story-map'
import type { StoriesReply, StoriesRequest } from './worker-messages'

export interface StoriesSnapshot {
  map: StoryMap
  /** Bumped whenever a reply from the worker changed the map. */
  version: number
  /** True once the first clustering of the folder has arrived. */
  ready: boolean
}

const inputOf = (row: CardRow): StoryInput => ({ id: row.id, title: row.title, excerpt: row.excerpt, publishedAtMs: row.publishedAtMs })

const sameText = (a: CardRow, b: CardRow): boolean => a.title === b.title && a.excerpt === b.excerpt && a.publishedAtMs === b.publishedAtMs

export function useStories(): StoriesSnapshot {
  const { store } = useLibrary()
  const { rows, version: rowsVersion } = useLibraryRows()
  const folder = useCurrentFolder()
  const phase = useLibraryPhase()
  const [snapshot, setSnapshot] = useState<StoriesSnapshot>(() => ({ map: new StoryMap(), version: 0, ready: false }))
  const worker = useRef<Worker | null>(null)
  const sent = useRef(new Map<string, CardRow>())
  const sentFolder = useRef<string | null | undefined>(undefined)
  const sentReady = useRef(false)
  /** The store's change mark at the last request: the next one sends the ids changed since. */
  const sentMark = useRef<number | null>(null)

  useEffect(() => {
    const map = snapshot.map
    const started = new Worker(new URL('./stories.worker.ts', import.meta.url), { type: 'module' })
    started.onmessage = (event: MessageEvent<StoriesReply>) => {
      map.apply(event.data)
      // The worker answers every rows signal of a sync: its stories re-render the reader in the background,
      // behind a click or keystroke.
      startTransition(() => setSnapshot((current) => ({ map, version: current.version + 1, ready: true })))
    }
    worker.current = started
    sentFolder.current = undefined
    sentReady.current = false
    sentMark.current = null
    return () => {
      started.terminate()
      worker.current = null
    }
  }, [snapshot.map])

  useEffect(() => {
    const target = worker.current
    if (target === null) return
    const known = sent.current
    // A sync that just ended: the worker re-clusters what streamed in, so the list agrees with `tidings stories`.
    const settle = phase === 'ready' && !sentReady.current
    const request: StoriesRequest = { reset: sentFolder.current !== folder, set: [], remove: [], settle }
    if (request.reset) known.clear()
    // Only the ids the store changed since the last request (a batch's cards, not all 100k); every row
    // after a folder switch or when the store's log no longer reaches back that far.
    const changed = request.reset || sentMark.current === null ? null : store.changesSince(sentMark.current)
    sentMark.current = store.changeMark()
    const visit = (id: string, row: CardRow | undefined): void => {
      const before = known.get(id)
      if (before === row) return
      if (row === undefined) {
        known.delete(id)
        request.remove.push(id)
        return
      }
      known.set(id, row)
      if (before === undefined || !sameText(before, row)) request.set.push(inputOf(row))
    }
    if (changed !== null) for (const id of new Set(changed)) visit(id, rows.get(id))
    else {
      for (const [id, row] of rows) visit(id, row)
      for (const id of known.keys()) if (!rows.has(id)) visit(id, undefined)
    }
    sentFolder.current = folder
    sentReady.current = phase === 'ready'
    if (request.reset || settle || request.set.length > 0 || request.remove.length > 0) target.postMessage(request)
    // The row map is mutated in place; rowsVersion says when it changed.
  }, [rows, rowsVersion, folder, phase, store])

  return snapshot
}
