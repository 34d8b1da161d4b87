import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TidingsEvent } from '../../shared/contract'
import { eventFrame } from './event-frame'

const HEARTBEAT_MS = 15_000
/**
 * Bytes a client may have waiting (the batch just written included) before a sync holds back its next
 * batch. About one batch (DEFAULT_BATCH_BYTES): at 4 MB, a slow page let several heavy batches, their
 * strings and frames pile up in the host.
 */
export const BACKLOG_BYTES = 1024 * 1024
/** Longest a sync waits for one stuck client before it goes on (a page frozen in the background must not stall it for good). */
const DRAIN_WAIT_MS = 30_000

/** Fans events out to every open server-sent-events response. */
export interface EventHub {
  emit(event: TidingsEvent): void
  /** Takes over the response until the client goes away. */
  attach(req: IncomingMessage, res: ServerResponse): void
  clientCount(): number
  /** Bytes the slowest client has waiting in this process. */
  backlogBytes(): number
  /** Resolves true once a client is connected, or false after `timeoutMs`. */
  waitForClient(timeoutMs: number): Promise<boolean>
  /**
   * Resolves once no client has a backlog of events waiting to be sent (or one
   * waited too long): the core syncs no faster than the page takes its events in.
   */
  drained(): Promise<void>
  close(): void
}

const HEARTBEAT_FRAME = Buffer.from(': heartbeat\n\n')
const OPENING_FRAME = Buffer.from('retry: 1000\n: connected\n\n')

export function createEventHub(heartbeatMs = HEARTBEAT_MS): EventHub {
  const clients = new Set<ServerResponse>()
  const waiters = new Set<() => void>()
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(HEARTBEAT_FRAME)
  }, heartbeatMs)
  heartbeat.unref()

  return {
    emit(event) {
      if (clients.size === 0) return
      // Encoded once: written as a string, each client's socket turned a batch's ~1 MB of JSON into bytes again.
      const frame = eventFrame(event)
      for (const res of clients) res.write(frame)
    },
    attach(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no'
      })
      // Registered before the first bytes go out, so once the client sees the
      // stream open, no later event can miss it.
      clients.add(res)
      res.write(OPENING_FRAME)
      for (const wake of [...waiters]) wake()
      const detach = (): void => {
        clients.delete(res)
      }
      req.on('close', detach)
      res.on('close', detach)
      res.on('error', detach)
    },
    clientCount: () => clients.size,
    backlogBytes: () => Math.max(0, ...[...clients].map((res) => res.writableLength)),
    waitForClient(timeoutMs) {
      if (clients.size > 0) return Promise.resolve(true)
      return new Promise((resolve) => {
        const done = (connected: boolean): void => {
          clearTimeout(timer)
          waiters.delete(wake)
          resolve(connected)
        }
        const wake = (): void => done(true)
        const timer = setTimeout(() => done(false), timeoutMs)
        waiters.add(wake)
      })
    },
    drained() {
      const backlogged = [...clients].filter((res) => res.writableLength > BACKLOG_BYTES)
      if (backlogged.length === 0) return Promise.resolve()
      return new Promise<void>((resolve) => {
        let waiting = backlogged.length
        const listeners = backlogged.map((res) => {
          let counted = false
          const done = (): void => {
            if (counted) return
            counted = true
            if (--waiting === 0) finish()
          }
          res.on('drain', done)
          res.on('close', done)
          return { res, done }
        })
        const timer = setTimeout(() => finish(), DRAIN_WAIT_MS)
        timer.unref()
        function finish(): void {
          clearTimeout(timer)
          for (const { res, done } of listeners) {
            res.off('drain', done)
            res.off('close', done)
          }
          resolve()
        }
      })
    },
    close() {
      for (const wake of [...waiters]) wake()
      clearInterval(heartbeat)
      for (const res of clients) res.end()
      clients.clear()
    }
  }
}
