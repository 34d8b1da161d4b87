// Per test: a real image server on 127.0.0.1, a cache folder in os.tmpdir() and the service under
// test, all closed after the test. Call useImageFixture() inside a describe block.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterEach, beforeEach } from 'vitest'
import type { ImageService, ImageServiceOptions } from '../image-service'
import { PNG } from './fixtures'
import { startImageServer, type ImageServer } from './image-server'
import { tempDir, testService } from './service-harness'

export interface ImageFixture {
  readonly server: ImageServer
  /** The cache folder. */
  readonly dir: string
  /** The service opened last. */
  readonly service: ImageService
  /** Opens a service on the cache folder (the test closes any it opened before). */
  open(options?: Partial<ImageServiceOptions>): ImageService
  /** Closes the service and opens a new one on the same folder, as a restart does. */
  reopen(options?: Partial<ImageServiceOptions>): Promise<ImageService>
}

export function useImageFixture(): ImageFixture {
  let server: ImageServer | undefined
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined
  let service: ImageService | undefined
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the image fixture has no ${what} yet: use it inside a test`)
    return value
  }

  beforeEach(async () => {
    server = await startImageServer()
    dir = await tempDir()
  })

  afterEach(async () => {
    await service?.close()
    service = undefined
    await server?.close()
    await dir?.remove()
  })

  const fixture: ImageFixture = {
    get server() {
      return ready(server, 'server')
    },
    get dir() {
      return ready(dir, 'cache folder').path
    },
    get service() {
      return ready(service, 'service (call open())')
    },
    open(options = {}) {
      service = testService(fixture.dir, options)
      return service
    },
    async reopen(options = {}) {
      await service?.close()
      return fixture.open(options)
    }
  }
  return fixture
}

/** A route whose PNG answers wait until release(); an answer whose request was cut by a close is dropped. */
export function heldPng() {
  const waiting: Array<() => void> = []
  let open = false
  const send = (res: ServerResponse) => {
    if (res.destroyed) return
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(PNG)
  }
  return {
    handler: (_req: IncomingMessage, res: ServerResponse) => (open ? send(res) : waiting.push(() => send(res))),
    release() {
      open = true
      for (const go of waiting.splice(0)) go()
    }
  }
}
