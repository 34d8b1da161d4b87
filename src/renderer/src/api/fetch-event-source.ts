// The browser host's event stream read through fetch() instead of EventSource. A sync sends ~20 KB of
// frames a card (200 MB at 10k); Chromium's EventSource cost the page ~3x the CPU of a fetch stream for
// them and the browser process ~3 s per 63 MB more (scripts/measure-event-stream.mjs), CPU the sync's
// IndexedDB writes need on a 2-core machine. Frames are parsed by eventsource-parser.
import { createParser } from 'eventsource-parser'
import type { EventSourceLike } from './http-client'

type Listener = (event: { data?: unknown }) => void
type EventName = 'open' | 'message' | 'error'

const CONNECTING = 0
const OPEN = 1
const CLOSED = 2

/**
 * An EventSource for http-client: 'open' once the stream answers 200, 'message' per data frame, and one
 * 'error' with readyState CLOSED when the stream fails or ends, after which http-client opens a new one.
 */
export class FetchEventSource implements EventSourceLike {
  readyState = CONNECTING
  private readonly listeners: Record<EventName, Set<Listener>> = { open: new Set(), message: new Set(), error: new Set() }
  private readonly abort = new AbortController()

  constructor(url: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    void this.read(url, fetchImpl)
  }

  addEventListener(type: EventName, listener: Listener): void {
    this.listeners[type].add(listener)
  }

  close(): void {
    this.readyState = CLOSED
    this.abort.abort()
  }

  private emit(type: EventName, data?: string): void {
    for (const listener of [...this.listeners[type]]) listener({ data })
  }

  private async read(url: string, fetchImpl: typeof fetch): Promise<void> {
    try {
      const response = await fetchImpl(url, { headers: { Accept: 'text/event-stream' }, signal: this.abort.signal })
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
      if (this.readyState === CLOSED) return
      this.readyState = OPEN
      this.emit('open')
      const parser = createParser({ onEvent: (message) => this.readyState === OPEN && this.emit('message', message.data) })
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      for (;;) {
        const { value, done } = await reader.read()
        if (done || this.readyState === CLOSED) break
        parser.feed(value)
      }
    } catch {
      // Said below as the one 'error': a failed or dropped stream is reopened by http-client either way.
    }
    if (this.readyState === CLOSED) return
    this.readyState = CLOSED
    this.emit('error')
  }
}
