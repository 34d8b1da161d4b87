// Per test: an empty card folder in os.tmpdir() and a LiveFolder on it, started and synced from nothing,
// its events gathered in an EventLog; closed and removed after the test. Call it inside a describe block.
import { afterEach, beforeEach } from 'vitest'
import { CardFolder } from '../../library/testing/card-folder'
import { EventLog } from '../../library/testing/event-log'
import { LiveFolder, type LiveFolderOptions } from '../live-folder'

export interface StartedLiveFolder {
  readonly folder: CardFolder
  readonly log: EventLog
  readonly live: LiveFolder
}

export function startedLiveFolder(prefix: string, options: Omit<LiveFolderOptions, 'folder' | 'emit'> = {}): StartedLiveFolder {
  let current: StartedLiveFolder | undefined
  beforeEach(async () => {
    const folder = await CardFolder.create(prefix)
    const log = new EventLog()
    const live = new LiveFolder({ ...options, folder: folder.path, emit: log.emit })
    current = { folder, log, live }
    await live.start()
    await live.sync([])
  })
  afterEach(async () => {
    await current?.live.close()
    await current?.folder.dispose()
    current = undefined
  })
  const now = (): StartedLiveFolder => {
    if (!current) throw new Error('the live folder is only there inside a test')
    return current
  }
  return {
    get folder() {
      return now().folder
    },
    get log() {
      return now().log
    },
    get live() {
      return now().live
    }
  }
}
