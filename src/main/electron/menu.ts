import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/contract'
import { READER_SHORTCUTS, SHOW_SHORTCUTS, shortcutMenuItem } from './shortcuts'

export interface MenuOptions {
  send(command: MenuCommand): void
  platform: NodeJS.Platform
  /** Developer tools only in a development build. */
  isPackaged: boolean
}

export function installApplicationMenu({ send, platform, isPackaged }: MenuOptions): void {
  const isMac = platform === 'darwin'
  const shortcut = (entry: (typeof READER_SHORTCUTS)[number]): MenuItemConstructorOptions => ({ ...shortcutMenuItem(entry, platform), click: () => send(entry.command) })

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [{ id: 'open-folder', label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => send('open-folder') }, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }]
    },
    { role: 'editMenu' },
    {
      label: '&Reader',
      submenu: READER_SHORTCUTS.map(shortcut)
    },
    {
      label: '&View',
      submenu: [
        ...(isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [shortcut(SHOW_SHORTCUTS)] }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
