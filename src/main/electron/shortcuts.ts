import type { MenuCommand } from '../../shared/contract'

/** One of the reader's keyboard shortcuts, as the application menu lists it. */
export interface ReaderShortcut {
  command: MenuCommand
  label: string
  /** The key as the user reads it. */
  key: string
  /** The same key as an Electron accelerator string. */
  accelerator: string
}

// The reader handles these keys itself (they work in the browser host too);
// the menu lists them and sends the same command when clicked.
export const READER_SHORTCUTS: readonly ReaderShortcut[] = [
  { command: 'next', label: 'Next Card', key: 'J', accelerator: 'J' },
  { command: 'previous', label: 'Previous Card', key: 'K', accelerator: 'K' },
  { command: 'open-card', label: 'Open Card', key: 'Enter', accelerator: 'Enter' },
  { command: 'open-original', label: 'Open Original in Browser', key: 'O', accelerator: 'O' },
  { command: 'toggle-read', label: 'Toggle Read', key: 'M', accelerator: 'M' },
  { command: 'toggle-star', label: 'Toggle Star', key: 'S', accelerator: 'S' },
  { command: 'focus-search', label: 'Search', key: '/', accelerator: '/' },
  { command: 'clear', label: 'Clear Search and Filters', key: 'Esc', accelerator: 'Escape' }
]

export const SHOW_SHORTCUTS: ReaderShortcut = { command: 'show-shortcuts', label: 'Keyboard Shortcuts', key: '?', accelerator: 'Shift+/' }

/**
 * How a shortcut appears as a menu item. The accelerator is only displayed,
 * never registered: a registered bare-letter accelerator would swallow that
 * letter while the user types in the search box. macOS cannot display an
 * unregistered accelerator, so there the key goes into the label.
 */
export function shortcutMenuItem(shortcut: ReaderShortcut, platform: NodeJS.Platform): { label: string; accelerator?: string; registerAccelerator?: boolean } {
  if (platform === 'darwin') return { label: `${shortcut.label}  (${shortcut.key})` }
  return { label: shortcut.label, accelerator: shortcut.accelerator, registerAccelerator: false }
}
