import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { TidingsCalls } from '../../shared/contract'
import { createAppCore } from '../core/app-core'
import { imageCacheDir } from '../core/data-dir'
import { createImageService } from '../core/images/image-service'
import { safeExternalUrl } from '../core/security/external-url'
import { createPageBacklog } from '../core/library/page-backlog'
import { createEventHub } from './event-stream'
import { startHostServer } from './host-server'
import { openInBrowser } from './open-in-browser'
import { pageFirstCards } from './page-first-cards'
import { createToken } from './token'

const SYNC_WAITS_FOR_EVENTS_MS = 3_000

export interface BrowserHostOptions {
  /** Opened at start, so getAppInfo().initialFolder names it. */
  folder: string
  dataDir: string
  rendererDir: string
  sampleFolder: string | null
  version: string
  /** 0 picks a free port. */
  port: number
  /** Whether openExternal may hand http(s) links to the desktop's browser. */
  openLinks: boolean
  /** `--allow-private-images`: images may come from loopback and private networks. */
  allowPrivateImages?: boolean
}

export interface BrowserHost {
  url: string
  /** The folder as the core resolved it. */
  folder: string
  close(): Promise<void>
}

/** The core, the image cache and the HTTP server, wired together for one browser session. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no ${join(options.rendererDir, 'index.html')}): run \`npm run build\` first.`)
  }
  const token = createToken()
  const events = createEventHub()
  const backlog = createPageBacklog()
  const images = createImageService({ cacheDir: imageCacheDir(options.dataDir), srcFor: (hash) => `/image/${hash}?token=${token}`, allowPrivateImages: options.allowPrivateImages })
  const core = createAppCore({
    dataDir: options.dataDir,
    host: 'browser',
    version: options.version,
    sampleFolder: options.sampleFolder,
    emit: (event) => {
      // Events sent to no page are never saved there: not counted as waiting to be.
      if (events.clientCount() > 0) backlog.sent(event)
      events.emit(event)
    },
    // A sync goes no faster than the page takes its events in and saves them: nothing piles up here or there.
    drain: async () => {
      await events.drained()
      await backlog.drained()
    },
    images
  })
  const shutDown = async (): Promise<void> => {
    events.close()
    await core.close()
    await images.close()
  }

  try {
    const opened = await core.openFolder({ folder: options.folder })
    const firstCards = pageFirstCards(() => core.getFirstCards())
    const calls: TidingsCalls = {
      getAppInfo: () => core.getAppInfo(),
      getFirstCards: () => firstCards.forCall(),
      openFolder: (req) => core.openFolder(req),
      // A web page cannot show the native dialog; the UI offers a path field instead.
      chooseFolder: async () => null,
      // A sync streams its batches as events: give a page whose event stream is still
      // connecting a moment, so the first batches are not sent to nobody.
      syncFolder: async (req) => {
        await events.waitForClient(SYNC_WAITS_FOR_EVENTS_MS)
        return core.syncFolder(req)
      },
      getCard: (req) => core.getCard(req),
      savedUpTo: async ({ seq }) => backlog.savedUpTo(seq),
      recordMarks: (req) => core.recordMarks(req),
      loadMarks: () => core.loadMarks(),
      resolveImages: (req) => core.resolveImages(req),
      getImageStatus: () => core.getImageStatus(),
      updateSettings: (req) => core.updateSettings(req),
      getMarksSync: (req) => core.getMarksSync(req),
      setMarksSync: (req) => core.setMarksSync(req),
      openExternal: async (req) => {
        const url = safeExternalUrl(req?.url)
        return url !== null && options.openLinks ? openInBrowser(url) : false
      }
    }
    const server = await startHostServer({ rendererDir: options.rendererDir, token, calls, events, lookupImage: (hash) => images.lookup(hash), firstCardsForPage: () => firstCards.forPage(), port: options.port })
    return {
      url: server.url,
      folder: opened.folder,
      close: async () => {
        await server.close()
        await shutDown()
      }
    }
  } catch (error) {
    await shutDown()
    throw error
  }
}
