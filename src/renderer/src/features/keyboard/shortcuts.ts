// The reader's keys and what they do. Electron's menu sends the same commands
// (as `menu-command` events), so a key and its menu item share one code path.
import type { MenuCommand } from '../../../../shared/contract'

export interface Shortcut {
  keys: string[]
  command: MenuCommand
  description: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j', '↓'], command: 'next', description: 'Next card' },
  { keys: ['k', '↑'], command: 'previous', description: 'Previous card' },
  { keys: ['Enter'], command: 'open-card', description: 'Open the card in the reading pane' },
  { keys: ['o'], command: 'open-original', description: 'Open the original in your browser' },
  { keys: ['m'], command: 'toggle-read', description: 'Mark as read or unread' },
  { keys: ['s'], command: 'toggle-star', description: 'Star or unstar' },
  { keys: ['/'], command: 'focus-search', description: 'Search' },
  { keys: ['Esc'], command: 'clear', description: 'Clear the search and filters' },
  { keys: ['?'], command: 'show-shortcuts', description: 'Show these shortcuts' }
]

export interface KeyInput {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** The focus is in a text field, where letters are typing. */
  inTextField: boolean
  /** The focus is on something that acts on Enter itself (a button, a link, a select). */
  onControl: boolean
  /** The focus is in a pane that scrolls with the arrow keys (the reading pane, the sidebar). */
  inScrollingPane: boolean
}

/** The command a key press stands for, or null to let the browser have it. */
export function commandForKey(input: KeyInput): MenuCommand | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null
  if (input.key === 'Escape') return 'clear'
  if (input.inTextField) return null
  switch (input.key) {
    case 'j':
      return 'next'
    case 'k':
      return 'previous'
    case 'ArrowDown':
      return input.inScrollingPane ? null : 'next'
    case 'ArrowUp':
      return input.inScrollingPane ? null : 'previous'
    case 'Enter':
      return input.onControl ? null : 'open-card'
    case 'o':
      return 'open-original'
    case 'm':
      return 'toggle-read'
    case 's':
      return 'toggle-star'
    case '/':
      return 'focus-search'
    case '?':
      return 'show-shortcuts'
    default:
      return null
  }
}
