// "?" lists every shortcut and the search terms.
import type { ReactNode } from 'react'
import { Dialog } from '../ui/Dialog'
import { SHORTCUTS } from './shortcuts'

const SEARCH_TERMS: Array<[string, string]> = [
  ['deep fakes', 'cards whose title, excerpt or related titles hold every word'],
  ['"deep fakes"', 'the exact phrase'],
  ['-covid', 'leave out cards with the word'],
  ['topic:AI  topic:"Machine Learning"', 'by topic; quote values with spaces'],
  ['provider:Reuters  provider:bbc.co.uk', 'by outlet name or domain'],
  ['type:video', 'by type'],
  ['quality>50  quality<=20', 'by quality'],
  ['after:2022-01-29  before:2022-02', 'on or after a day; before a day, month or year'],
  ['is:unread  is:starred  is:read', 'by read and star state'],
  ['story:23ef04ef  outlets>3  is:updated', 'one story (its id is in the story panel); stories told by over 3 outlets; new coverage since read'],
  ['-topic:Sports', 'any field term with a dash excludes']
]

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }): ReactNode {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <table className="shortcut-table">
        <caption className="visually-hidden">Keys</caption>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.command}>
              <th scope="row">
                {shortcut.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 ? ' or ' : null}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Search</h3>
      <table className="shortcut-table">
        <caption className="visually-hidden">Search terms</caption>
        <tbody>
          {SEARCH_TERMS.map(([term, meaning]) => (
            <tr key={term}>
              <th scope="row">
                <code>{term}</code>
              </th>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
