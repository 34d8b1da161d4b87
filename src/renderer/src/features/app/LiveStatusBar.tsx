// The status bar with its own subscriptions: the counts a sync bumps many times a second re-render it
// alone (see use-shell-status.ts).
import type { ReactNode } from 'react'
import { useLibraryStatus, useUnreadCount } from '../../data/hooks'
import { StatusBar } from '../status/StatusBar'

export function LiveStatusBar({ onShowErrors }: { onShowErrors(): void }): ReactNode {
  return <StatusBar status={useLibraryStatus()} unread={useUnreadCount()} onShowErrors={onShowErrors} />
}
