// Saved views in the left column: each names a search plus filters, shows its
// unread count, and applies with one click.
import { useState, type FormEvent, type ReactNode } from 'react'
import { messageOf } from '../../../../shared/errors'
import { SidebarGroup } from '../ui/SidebarGroup'
import { formatCount } from '../ui/format-count'

export interface ViewEntry {
  id: number
  name: string
  unread: number
  active: boolean
}

interface SavedViewsProps {
  views: ViewEntry[] | undefined
  canSave: boolean
  onApply(id: number): void
  onSave(name: string): Promise<void>
  onDelete(id: number): void
}

export function SavedViews({ views, canSave, onApply, onSave, onDelete }: SavedViewsProps): ReactNode {
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    try {
      await onSave(trimmed)
      setName('')
      setNaming(false)
      setProblem(null)
    } catch (error) {
      setProblem(`Could not save the view: ${messageOf(error)}`)
    }
  }

  return (
    <SidebarGroup title="Saved views" className="saved-views">
      {views && views.length > 0 ? (
        <ul className="view-list">
          {views.map((view) => (
            <li key={view.id} className={view.active ? 'is-active' : undefined}>
              <button type="button" className="view-button" aria-pressed={view.active} aria-label={`${view.name}, ${view.unread} unread`} onClick={() => onApply(view.id)}>
                <span className="view-name">{view.name}</span>
                <span className="count">{formatCount(view.unread)}</span>
              </button>
              <button type="button" className="icon-button view-delete" aria-label={`Delete view ${view.name}`} title="Delete view" onClick={() => onDelete(view.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="filter-empty">Search or filter, then save the view here.</p>
      )}
      {naming ? (
        <form className="view-form" onSubmit={(event) => void submit(event)}>
          <input aria-label="View name" placeholder="Name this view" value={name} autoFocus maxLength={80} onChange={(event) => setName(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && (event.stopPropagation(), setNaming(false))} />
          <button type="submit" className="button small" disabled={!name.trim()}>
            Save
          </button>
        </form>
      ) : (
        <button type="button" className="link-button" disabled={!canSave} onClick={() => setNaming(true)}>
          Save current view…
        </button>
      )}
      {problem ? (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      ) : null}
    </SidebarGroup>
  )
}
