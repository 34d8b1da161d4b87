import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TidingsEvent } from '../../shared/contract'

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

export function createEventHub(heartbeatMs = HEARTBEAT_MS): EventHub {
  const clients = new Set<ServerResponse>()
  const waiters = new Set<() => void>()
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': heartbeat\n\n')
  }, heartbeatMs)
  heartbeat.unref()

  return {
    emit(event) {
      if (clients.size === 0) return
      // Made whole before anything is written: a card that cannot be serialised throws here, with the stream intact.
      const pieces = framePieces(event)
      for (const res of clients) {
        res.cork()
        for (const piece of pieces) res.write(piece)
        res.uncork()
      }
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
      res.write('retry: 1000\n: connected\n\n')
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

/**
 * One server-sent event as the pieces of its frame. A batch is written card by card: one string of a
 * whole batch (~1 MB, more in two-byte text) lands in V8's large-object space, and thousands of those
 * over a sync grew the host's heap by hundreds of MB before a full collection; a card's string is small
 * and dies young. The text is the same as `data: ${JSON.stringify(event)}\n\n`, but for the order of
 * the batch's keys.
 */
export function framePieces(event: TidingsEvent): string[] {
  if (event.type !== 'batch') return [`data: ${JSON.stringify(event)}\n\n`]
  const { upsert, ...rest } = event.batch
  const pieces = ['data: {"type":"batch","batch":{"upsert":[']
  upsert.forEach((card, i) => pieces.push(i === 0 ? JSON.stringify(card) : `,${JSON.stringify(card)}`))
  pieces.push(`],${JSON.stringify(rest).slice(1)}}\n\n`)
  return pieces
}
