// How often the reader rebuilds its index and list from the store's rows. Each rebuild is a pass over every row
// (at 100k, ~80 ms). During a sync, rows arrive in every batch and the page's thread is needed for the sync's own
// work; after it, rows change one file at a time and a rewrite must show at once.

/**
 * During a sync, the index is patched at most once per 100 rows held in milliseconds, up to once a second (small
 * folders at once): at 100k rows, four passes a second took ~26 s of the page's thread over a 275 s sync. While a
 * search or filter is on, a sync's rows join the list once a second, so keystrokes and clicks reuse the index.
 * Outside a sync, no wait beyond the store's own between signals: with the sync's wait kept, a rewrite at 100k
 * took 630 ms to show (a watcher's rewrites came within the second the last one had started).
 */
export function rebuildIntervalMs({ rows, narrowed, syncing }: { rows: number; narrowed: boolean; syncing: boolean }): number {
  if (!syncing) return 0
  const byRows = Math.min(1000, Math.floor(rows / 100))
  return narrowed ? Math.max(NARROWED_REBUILD_MS, byRows) : byRows
}

const NARROWED_REBUILD_MS = 1000
