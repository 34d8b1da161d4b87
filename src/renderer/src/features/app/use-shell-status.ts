// The status fields the reader's layout depends on. A sync bumps its counts (progress, saved, cards,
// images) many times a second; only the status bar shows those, so they re-render it alone
// (LiveStatusBar), not the whole reader with its list, facets and reading pane.
import { useCallback, useSyncExternalStore } from 'react'
import { useLibrary } from '../../data/library-context'
import type { LibraryStore } from '../../data/library-store'
import type { LibraryStatus } from '../../data/types'

const SHELL_KEYS = ['folder', 'folderName', 'phase', 'rebuildMessage', 'errorCount'] as const satisfies ReadonlyArray<keyof LibraryStatus>

export type ShellStatus = Pick<LibraryStatus, (typeof SHELL_KEYS)[number]>

const pick = (status: LibraryStatus): ShellStatus => ({
  folder: status.folder,
  folderName: status.folderName,
  phase: status.phase,
  rebuildMessage: status.rebuildMessage,
  errorCount: status.errorCount
})

const lastByStore = new WeakMap<LibraryStore, ShellStatus>()

/** The store's status as a ShellStatus, the same object until a field it holds changes. */
export function shellStatusOf(store: LibraryStore): ShellStatus {
  const status = store.getStatus()
  const last = lastByStore.get(store)
  if (last !== undefined && SHELL_KEYS.every((key) => last[key] === status[key])) return last
  const next = pick(status)
  lastByStore.set(store, next)
  return next
}

export function useShellStatus(): ShellStatus {
  const { store } = useLibrary()
  const read = useCallback(() => shellStatusOf(store), [store])
  return useSyncExternalStore(store.subscribeStatus, read)
}
