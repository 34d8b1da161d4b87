import { describe, expect, it } from 'vitest'
import { READER_SHORTCUTS, SHOW_SHORTCUTS, shortcutMenuItem } from './shortcuts'

describe('the application menu’s shortcut list', () => {
  it('lists every key of the reader (j/k, Enter, o, m, s, /, Esc, ?), each with its own command', () => {
    const all = [...READER_SHORTCUTS, SHOW_SHORTCUTS]
    expect(all.map((shortcut) => shortcut.key)).toEqual(['J', 'K', 'Enter', 'O', 'M', 'S', '/', 'Esc', '?'])
    expect(new Set(all.map((shortcut) => shortcut.command)).size).toBe(all.length)
  })

  it('only displays accelerators on Windows and Linux, so typing in the search box still works', () => {
    for (const platform of ['linux', 'win32'] as const) {
      for (const shortcut of READER_SHORTCUTS) expect(shortcutMenuItem(shortcut, platform)).toMatchObject({ accelerator: shortcut.accelerator, registerAccelerator: false })
    }
  })

  it('puts the key in the label on macOS instead of an accelerator', () => {
    const item = shortcutMenuItem(READER_SHORTCUTS[0], 'darwin')
    expect(item).toEqual({ label: 'Next Card  (J)' })
  })
})
