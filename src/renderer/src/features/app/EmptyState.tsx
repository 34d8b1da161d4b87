import type { ReactNode } from 'react'

/** What the list area says when it has nothing to list, and the one thing to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: { label: string; run(): void } }): ReactNode {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-text">{children}</div> : null}
      {action ? (
        <button type="button" className="button primary" onClick={action.run}>
          {action.label}
        </button>
      ) : null}
    </div>
  )
}
