import type { TidingsCalls, TidingsEvent } from '../../shared/contract'
import type { CachedImage } from '../core/security/image-request'

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

// Interim until src/main/core/app-core.ts lands: every call says so.
export async function startCore(_options: CoreOptions): Promise<StartedCore> {
  const notYet = async (): Promise<never> => {
    throw new Error('The Tidings core is not wired in yet')
  }
  return {
    calls: {
      getAppInfo: notYet,
      openFolder: notYet,
      syncFolder: notYet,
      recordMarks: notYet,
      loadMarks: notYet,
      resolveImages: notYet,
      getImageStatus: notYet,
      updateSettings: notYet
    },
    lookupImage: async () => null,
    close: async () => {}
  }
}
