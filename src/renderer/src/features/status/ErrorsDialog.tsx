// Every file of the folder that could not become a card, with the reason.
import type { ReactNode } from 'react'
import { useErrors } from '../../data/hooks'
import { Dialog } from '../ui/Dialog'
import { formatCount } from '../ui/format-count'

export function ErrorsDialog({ open, onClose }: { open: boolean; onClose(): void }): ReactNode {
  const errors = useErrors()
  return (
    <Dialog open={open} title="Files that could not be read" onClose={onClose} className="errors-dialog">
      {errors.length === 0 ? (
        <p>Every file in this folder reads fine.</p>
      ) : (
        <>
          <p className="dialog-lead">
            {errors.length === 1 ? 'One file was' : `${formatCount(errors.length)} files were`} left out. Fix the file and it appears as soon as it is saved; every other card is unaffected.
          </p>
          <ul className="error-list">
            {errors.map((error) => {
              const slash = error.path.lastIndexOf('/')
              return (
                <li key={error.path}>
                  <p className="error-file">
                    <strong>{error.path.slice(slash + 1)}</strong>
                    {slash > 0 ? <span className="error-dir">{error.path.slice(0, slash + 1)}</span> : null}
                  </p>
                  <p className="error-reason">
                    {error.message}
                    {error.line !== undefined ? <span className="error-line"> (line {error.line})</span> : null}
                  </p>
                  <p className="error-code">{error.code}</p>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </Dialog>
  )
}
