// Switching folders: the native dialog in Electron, a typed path in the browser
// host (which has no dialog), and the folders opened before.
import { useState, type FormEvent, type ReactNode } from 'react'
import { hasNativeFolderDialog } from '../../api'
import { useRecentFolders } from '../../data/hooks'
import { useLibrary } from '../../data/library-context'
import { Dialog } from '../ui/Dialog'
import { messageOf } from '../../../../shared/errors'

interface FolderDialogProps {
  open: boolean
  currentFolder: string | null
  onClose(): void
}


export function FolderDialog({ open, currentFolder, onClose }: FolderDialogProps): ReactNode {
  const library = useLibrary()
  const recent = useRecentFolders()
  const [path, setPath] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const native = hasNativeFolderDialog()

  async function run(action: () => Promise<boolean | void>): Promise<void> {
    setBusy(true)
    setProblem(null)
    try {
      const done = await action()
      if (done !== false) {
        setPath('')
        onClose()
      }
    } catch (error) {
      setProblem(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault()
    const folder = path.trim()
    if (folder) void run(() => library.switchFolder(folder))
  }

  return (
    <Dialog open={open} title="Open a folder" onClose={onClose} className="folder-dialog">
      <p className="dialog-lead">Tidings reads a folder of card files (.md) and follows it as files change.</p>
      {native ? (
        <p>
          <button type="button" className="button primary" disabled={busy} onClick={() => void run(() => library.chooseFolder())}>
            Choose folder…
          </button>
        </p>
      ) : null}
      <form className="folder-form" onSubmit={submit}>
        <label>
          <span>Folder path</span>
          <input type="text" value={path} placeholder="/home/you/news/_news" spellCheck={false} autoFocus={!native} onChange={(event) => setPath(event.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy || !path.trim()}>
          Open
        </button>
      </form>
      {problem ? (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      ) : null}
      {recent.length > 0 ? (
        <section className="recent-folders" aria-label="Recent folders">
          <h3>Recent folders</h3>
          <ul>
            {recent.map((entry) => (
              <li key={entry.folder}>
                <button type="button" className="recent-folder" disabled={busy} aria-current={entry.folder === currentFolder ? 'true' : undefined} onClick={() => void run(() => library.switchFolder(entry.folder))}>
                  <span className="recent-name">{entry.name}</span>
                  <span className="recent-path">{entry.folder}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Dialog>
  )
}
