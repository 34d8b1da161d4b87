/*
 * The contract over HTTP, for the browser host (server side: src/main/host).
 *
 * Calls:  POST /api/call/<name>
 *           headers  Content-Type: application/json, X-Tidings-Token: <token>
 *           body     {"arg": <the request object, or null for calls that take none>}
 *         -> 200      {"ok": true, "result": <the result; null for void calls>}
 *         -> non-200  {"ok": false, "error": "<message>"}; the call rejects with Error(message)
 * Events: GET /api/events?token=<token> as text/event-stream; the data of each
 *         unnamed message is one TidingsEvent as JSON.
 * The token is the page URL's ?token= parameter.
 *
 * Events sent while the stream is down are lost, so every reconnect is told to
 * onReconnect listeners, which resync. EventSource retries by itself after a
 * network error; a stream it gives up on (an HTTP error) is reopened here after
 * a growing delay.
 */
import { CALL_NAMES, type CallName, type TidingsApi, type TidingsCalls, type TidingsEvent, type TidingsEventListener } from '../../../shared/contract'
import { messageOf } from '../../../shared/errors'

/** The part of EventSource used here, so Node tests can bring their own. */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: 'open' | 'message' | 'error', listener: (event: { data?: unknown }) => void): void
  close(): void
}

export type EventSourceConstructor = new (url: string) => EventSourceLike

export interface HttpApiOptions {
  /** Origin of the host, e.g. http://127.0.0.1:4821 (no trailing slash). */
  baseUrl: string
  token: string
  fetch?: typeof fetch
  /** Null or absent: calls work, events never arrive (Node without EventSource). */
  EventSource?: EventSourceConstructor | null
  /** First delay before reopening a stream EventSource gave up on; it doubles up to 30 s. */
  reopenDelayMs?: number
}

export interface ReconnectingApi extends TidingsApi {
  /** Called after the event stream comes back from a break (not on the first connect). */
  onReconnect(listener: () => void): () => void
  /** Closes the event stream for good. */
  close(): void
}

const EVENT_SOURCE_CLOSED = 2
/** User Timing marks (seen in a profile's timeline; the measuring scripts read them): the stream opened, a batch came in. */
export const EVENTS_OPEN_MARK = 'tidings:events-open'
export const BATCH_MARK = 'tidings:batch'
const markTiming = (name: string, detail?: object): void => void globalThis.performance?.mark?.(name, { detail })
/**
 * Calls sent with `keepalive`, so a reload or a closed tab right after a mark still delivers it to the journal.
 * Chromium allows 64 KB of keepalive bodies in flight per page and refuses more, so a larger body goes as a plain request.
 */
const OUTLIVES_PAGE: ReadonlySet<CallName> = new Set(['recordMarks'])
const KEEPALIVE_MAX_BODY_CHARS = 48 * 1024
const MAX_REOPEN_DELAY_MS = 30_000

export function createHttpApi(options: HttpApiOptions): ReconnectingApi {
  const { baseUrl, token } = options
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init))
  const firstReopenDelay = options.reopenDelayMs ?? 1000

  async function call(name: CallName, arg: unknown): Promise<unknown> {
    let response: Response
    const body = JSON.stringify({ arg: arg ?? null })
    try {
      response = await fetchImpl(`${baseUrl}/api/call/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tidings-Token': token },
        body,
        keepalive: OUTLIVES_PAGE.has(name) && body.length <= KEEPALIVE_MAX_BODY_CHARS
      })
    } catch (error) {
      throw new Error(`Cannot reach the Tidings host (${name}): ${messageOf(error)}`)
    }
    const answer = parseJson(await response.text().catch(() => ''))
    if (response.ok && isRecord(answer) && answer.ok === true) return answer.result ?? null
    const message = isRecord(answer) && typeof answer.error === 'string' && answer.error !== '' ? answer.error : `${name} failed: HTTP ${response.status}`
    throw new Error(message)
  }

  const listeners = new Set<TidingsEventListener>()
  const reconnectListeners = new Set<() => void>()
  let source: EventSourceLike | null = null
  let reopenTimer: ReturnType<typeof setTimeout> | null = null
  let reopenDelay = firstReopenDelay
  let opened = false
  let closed = false

  function connect(): void {
    const Source = options.EventSource
    if (!Source || source || closed) return
    const stream = new Source(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`)
    source = stream
    stream.addEventListener('open', () => {
      markTiming(EVENTS_OPEN_MARK)
      reopenDelay = firstReopenDelay
      if (opened) for (const listener of [...reconnectListeners]) listener()
      opened = true
    })
    stream.addEventListener('message', (message) => {
      const event = typeof message.data === 'string' ? parseJson(message.data) : null
      if (!isRecord(event) || typeof event.type !== 'string') return
      if (event.type === 'batch') markTiming(BATCH_MARK, { bytes: (message.data as string).length })
      for (const listener of [...listeners]) listener(event as unknown as TidingsEvent)
    })
    stream.addEventListener('error', () => {
      if (stream.readyState !== EVENT_SOURCE_CLOSED || source !== stream) return
      source = null
      reopenTimer = setTimeout(() => {
        reopenTimer = null
        connect()
      }, reopenDelay)
      reopenDelay = Math.min(reopenDelay * 2, MAX_REOPEN_DELAY_MS)
    })
  }

  const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (arg?: unknown) => call(name, arg)])) as unknown as TidingsCalls

  return {
    ...calls,
    onEvent(listener) {
      listeners.add(listener)
      if (!reopenTimer) connect()
      return () => listeners.delete(listener)
    },
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => reconnectListeners.delete(listener)
    },
    close() {
      closed = true
      if (reopenTimer) clearTimeout(reopenTimer)
      source?.close()
      source = null
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
