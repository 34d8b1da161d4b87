// A short-lived message at the bottom, optionally with one action (Undo).
import { useEffect, type ReactNode } from 'react'

export interface ToastMessage {
  id: number
  text: string
  action?: { label: string; run(): void }
}

const SHOW_MS = 10_000

export function Toast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss(id: number): void }): ReactNode {
  useEffect(() => {
    if (!toast) return
    const timer = setTimeout(() => onDismiss(toast.id), SHOW_MS)
    return () => clearTimeout(timer)
  }, [toast, onDismiss])
  return (
    <div className="toast-region" role="status" aria-label="Notifications">
      {toast ? (
        <div className="toast" key={toast.id}>
          <span>{toast.text}</span>
          {toast.action ? (
            <button
              type="button"
              className="button small"
              onClick={() => {
                toast.action!.run()
                onDismiss(toast.id)
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  )
}
