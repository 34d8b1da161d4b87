import { describe, expect, it } from 'vitest'
import { FetchEventSource } from './fetch-event-source'

/** A fetch answering with an event stream whose frames all arrive in one chunk. */
const oneChunk =
  (frames: string[]): typeof fetch =>
  async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(frames.map((data) => `data: ${data}\n\n`).join('')))
          controller.close()
        }
      }),
      { status: 200, headers: { 'Content-Type': 'text/event-stream' } }
    )

const busyFor = (ms: number): void => {
  const until = performance.now() + ms
  while (performance.now() < until);
}

describe('FetchEventSource', () => {
  it('hands on every frame of a chunk in order, and gives the page a turn between slow ones', async () => {
    const seen: string[] = []
    const source = new FetchEventSource('http://127.0.0.1/events', oneChunk(['a', 'b', 'c', 'd']))
    const ended = new Promise<void>((resolve) => source.addEventListener('error', () => resolve()))
    source.addEventListener('message', ({ data }) => {
      seen.push(String(data))
      // Taking in a batch is slow; a click queued meanwhile must not wait for the rest of the chunk.
      if (data === 'a') setTimeout(() => seen.push('click'), 0)
      busyFor(15)
    })
    await ended
    expect(seen.filter((entry) => entry !== 'click')).toEqual(['a', 'b', 'c', 'd'])
    expect(seen.indexOf('click')).toBeGreaterThan(0)
    expect(seen.indexOf('click')).toBeLessThan(seen.length - 1)
  })
})
