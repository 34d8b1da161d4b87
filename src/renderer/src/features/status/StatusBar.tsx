// The status bar: the folder, card and unread counts, the sync's two phases
// (indexed, then saved for offline; "Ready" only when both are done), how many
// images are offline, the error count (a button to the list) and whether the
// folder is reachable.
import type { ReactNode } from 'react'
import type { LibraryStatus } from '../../data/types'
import { formatCount } from '../ui/format-count'

interface StatusBarProps {
  status: LibraryStatus
  unread: number
  onShowErrors(): void
}

const n = formatCount

function indexingText(status: LibraryStatus): string | null {
  if (status.phase === 'starting') return 'Starting…'
  if (status.phase === 'loading') return 'Loading cards…'
  if (status.phase !== 'syncing') return null
  if (status.scanPhase === 'listing' || (status.progress.total === 0 && status.scanPhase !== 'done')) return 'Looking for changes…'
  return `Indexed ${n(status.progress.done)} of ${n(status.progress.total)}`
}

/** The second phase: cards IndexedDB holds of those the sync brought. Shown while it lags. */
function savingText(status: LibraryStatus): string | null {
  const { done, total } = status.saved
  if (status.phase !== 'syncing' || total === 0) return null
  return `Saved for offline ${n(done)} of ${n(total)}`
}

export function StatusBar({ status, unread, onShowErrors }: StatusBarProps): ReactNode {
  const indexing = indexingText(status)
  const saving = savingText(status)
  const images = status.imageStatus
  const imagesBusy = images !== null && images.pending > 0
  return (
    <footer className="status-bar" role="status" aria-label="Library status">
      {status.folder ? (
        <span className="status-folder" title={status.folder}>
          {status.folderName || status.folder}
        </span>
      ) : (
        <span className="status-folder">No folder open</span>
      )}
      {!status.available ? (
        <span className="status-unavailable" title={status.unavailableReason ?? undefined}>
          Folder unavailable
        </span>
      ) : null}
      {status.folder ? (
        <>
          <span>{`${n(status.cardCount)} ${status.cardCount === 1 ? 'card' : 'cards'}`}</span>
          <span>{`${n(unread)} unread`}</span>
        </>
      ) : null}
      {indexing ? (
        <span className="status-progress">
          {indexing}
          {status.phase === 'syncing' && status.progress.total > 0 ? <progress value={status.progress.done} max={status.progress.total} aria-label="Indexing progress" /> : null}
        </span>
      ) : null}
      {saving ? (
        <span className="status-progress">
          {saving}
          <progress value={status.saved.done} max={status.saved.total} aria-label="Saved for offline" />
        </span>
      ) : null}
      {status.folder && status.phase === 'ready' && status.available ? <span className="status-ready">Ready</span> : null}
      {images && images.total > 0 ? (
        <span className="status-progress" title={images.failed > 0 ? `${n(images.failed)} could not be downloaded` : undefined}>
          {`${n(images.cached)} of ${n(images.total)} images offline`}
          {imagesBusy ? <progress value={images.cached} max={images.total} aria-label="Images offline" /> : null}
        </span>
      ) : null}
      {status.lastError ? (
        <span className="status-warning" title={status.lastError}>
          {status.lastError}
        </span>
      ) : null}
      <span className="status-spacer" />
      {status.errorCount > 0 ? (
        <button type="button" className="status-errors" onClick={onShowErrors}>
          {`${n(status.errorCount)} ${status.errorCount === 1 ? 'error' : 'errors'}`}
        </button>
      ) : null}
    </footer>
  )
}
