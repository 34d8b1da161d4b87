// The status bar with its own subscription: the counts a sync bumps many times a second re-render it
// alone (see use-shell-status.ts), and at most every 500 ms (see status-bar-feed.ts).
import { useSyncExternalStore, type ReactNode } from 'react'
import { useLibrary } from '../../data/library-context'
import { statusBarFeedOf } from '../status/status-bar-feed'
import { StatusBar } from '../status/StatusBar'

export function LiveStatusBar({ onShowErrors }: { onShowErrors(): void }): ReactNode {
  const { store } = useLibrary()
  const feed = statusBarFeedOf(store)
  const { status, unread } = useSyncExternalStore(feed.subscribe, feed.getSnapshot)
  return <StatusBar status={status} unread={unread} onShowErrors={onShowErrors} />
}
