import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppStateStore, DEFAULT_SETTINGS, MAX_RECENT_FOLDERS, STATE_FILE_NAME, withFolderOpened } from './app-state'
import { scratchFolder } from '../testing/scratch-folder'

describe('app state', () => {
  const scratch = scratchFolder('tidings-state-')

  it('starts from defaults when state.json is missing or corrupt', async () => {
    expect((await AppStateStore.open(scratch.path)).get()).toEqual({ lastFolder: null, recentFolders: [], settings: DEFAULT_SETTINGS })
    await writeFile(join(scratch.path, STATE_FILE_NAME), '{"lastFolder": "/x", "recentFolders": [{"folder": 1}], "settings": {"imageCacheLimitBytes": "big"')
    expect((await AppStateStore.open(scratch.path)).get()).toEqual({ lastFolder: null, recentFolders: [], settings: DEFAULT_SETTINGS })
    await writeFile(join(scratch.path, STATE_FILE_NAME), '{"lastFolder": "/x", "recentFolders": [{"folder": 1}, {"folder": "/x", "name": "x", "openedAt": 5}], "settings": {"imageCacheLimitBytes": -4}}')
    expect((await AppStateStore.open(scratch.path)).get()).toEqual({ lastFolder: '/x', recentFolders: [{ folder: '/x', name: 'x', openedAt: 5 }], settings: DEFAULT_SETTINGS })
  })

  it('keeps the recent folders newest first, once each, at most ten, across a reopen', async () => {
    const store = await AppStateStore.open(scratch.path)
    for (let i = 0; i < 12; i++) await store.update((state) => withFolderOpened(state, `/news/${i}`, i))
    await store.update((state) => withFolderOpened(state, '/news/5', 100))
    const reopened = (await AppStateStore.open(scratch.path)).get()
    expect(reopened.lastFolder).toBe('/news/5')
    expect(reopened.recentFolders.map((recent) => recent.folder)).toEqual(['/news/5', '/news/11', '/news/10', '/news/9', '/news/8', '/news/7', '/news/6', '/news/4', '/news/3', '/news/2'])
    expect(reopened.recentFolders).toHaveLength(MAX_RECENT_FOLDERS)
    expect(reopened.recentFolders[0]).toEqual({ folder: '/news/5', name: '5', openedAt: 100 })
    // Written through a temp file and a rename: nothing else is left behind.
    expect(await readdir(scratch.path)).toEqual([STATE_FILE_NAME])
  })
})
