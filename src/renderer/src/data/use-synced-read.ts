// An IndexedDB read for the reading pane that is not a live query. Dexie
// treats a bulkPut of 50 rows or more as changing the whole table, so during a
// sync every batch commit would re-run a live query on cards or related rows,
// each re-run queued behind the next write. This read runs again only when its
// inputs change, when the rows on screen change (coalesced to a few times a
// second) or when more cards are saved (the status' count, also coalesced).
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useLibrary } from './library-context'

/** The read's answer for the current `key`; undefined until the first answer for that key (never an older key's). */
export function useSyncedRead<T>(read: () => Promise<T>, key: string): T | undefined {
  const { store } = useLibrary()
  const rowsVersion = useSyncExternalStore(store.subscribeRows, () => store.getRowsSnapshot().version)
  const saved = useSyncExternalStore(store.subscribeStatus, () => store.getStatus().saved.done)
  const [answer, setAnswer] = useState<{ key: string; value: T } | null>(null)
  const latest = useRef(read)
  useEffect(() => {
    latest.current = read
  })
  useEffect(() => {
    let current = true
    latest.current().then(
      (value) => current && setAnswer({ key, value }),
      () => undefined
    )
    return () => {
      current = false
    }
  }, [key, rowsVersion, saved])
  return answer !== null && answer.key === key ? answer.value : undefined
}
