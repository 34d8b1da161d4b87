import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TidingsEvent } from '../../shared/contract'

const HEARTBEAT_MS = 15_000

/** Fans events out to every open server-sent-events response. */
export interface EventHub {
  emit(event: TidingsEvent): void
  /** Takes over the response until the client goes away. */
  attach(req: IncomingMessage, res: ServerResponse): void
  clientCount(): number
  /** Resolves true once a client is connected, or false after `timeoutMs`. */
  waitForClient(timeoutMs: number): Promise<boolean>
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
      const frame = `data: ${JSON.stringify(event)}\n\n`
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
    close() {
      for (const wake of [...waiters]) wake()
      clearInterval(heartbeat)
      for (const res of clients) res.end()
      clients.clear()
    }
  }
}
