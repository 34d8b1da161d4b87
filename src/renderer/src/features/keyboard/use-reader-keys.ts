import { useEffect, useRef } from 'react'
import type { MenuCommand } from '../../../../shared/contract'
import { commandForKey } from './shortcuts'

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'])

function isTextField(element: Element | null): boolean {
  if (!element) return false
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true
  if (element instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(element.type)
  return element instanceof HTMLElement && element.isContentEditable
}

/** Runs reader commands from the keyboard, anywhere in the window except inside an open dialog. */
export function useReaderKeys(run: (command: MenuCommand) => void): void {
  const latest = useRef(run)
  useEffect(() => {
    latest.current = run
  })
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing) return
      // A modal dialog has the keys (Esc closes it).
      if (document.querySelector('dialog[open]')) return
      const target = event.target instanceof Element ? event.target : null
      const command = commandForKey({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inTextField: isTextField(target),
        onControl: target?.closest('button, a[href], select, summary, [role="button"], input[type="checkbox"]') != null,
        inScrollingPane: target?.closest('[data-scroll-pane]') != null
      })
      if (command === null) return
      event.preventDefault()
      latest.current(command)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
