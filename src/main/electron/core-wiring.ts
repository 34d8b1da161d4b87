import type { TidingsCalls, TidingsEvent } from '../../shared/contract'
import { createAppCore } from '../core/app-core'
import { imageCacheDir } from '../core/data-dir'
import { createImageService } from '../core/images/image-service'
import { createPageBacklog } from '../core/library/page-backlog'
import { imageSrcFor, type CachedImage } from '../core/security/image-request'

export interface CoreOptions {
  dataDir: string
  version: string
  sampleFolder: string
  emit(event: TidingsEvent): void
}

/** The core as the shell needs it: the contract calls the shell does not answer itself. */
export interface StartedCore {
  calls: Omit<TidingsCalls, 'chooseFolder' | 'openExternal'>
  lookupImage(hash: string): Promise<CachedImage | null>
  close(): Promise<void>
}

/** The app core and its image cache, in the data folder; images are served as tidings-image://img/<hash>. */
export function startCore(options: CoreOptions): StartedCore {
  const images = createImageService({ cacheDir: imageCacheDir(options.dataDir), srcFor: imageSrcFor })
  // IPC queues every event it is handed: the renderer's word on what it saved is the only pace a sync can keep.
  const backlog = createPageBacklog()
  const emit = (event: TidingsEvent): void => {
    backlog.sent(event)
    options.emit(event)
  }
  const core = createAppCore({ ...options, emit, drain: backlog.drained, host: 'electron', images })
  return {
    calls: {
      getAppInfo: core.getAppInfo,
      getFirstCards: core.getFirstCards,
      openFolder: core.openFolder,
      syncFolder: core.syncFolder,
      getCard: core.getCard,
      savedUpTo: async ({ seq }) => backlog.savedUpTo(seq),
      recordMarks: core.recordMarks,
      loadMarks: core.loadMarks,
      resolveImages: core.resolveImages,
      getImageStatus: core.getImageStatus,
      updateSettings: core.updateSettings,
      getMarksSync: core.getMarksSync,
      setMarksSync: core.setMarksSync
    },
    lookupImage: async (hash) => {
      const found = await images.lookup(hash)
      return found ? { path: found.filePath, mime: found.mime } : null
    },
    close: async () => {
      // The core stops first so nothing new reaches the cache while it closes.
      await core.close()
      await images.close()
    }
  }
}
