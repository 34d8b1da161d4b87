// A page that stores slowly reads its event stream slowly. The host must then hold back the sync rather
// than queue the folder's batches in memory: what waits in this process stays about one batch however
// heavy the cards are (real related-heavy cards, ~25 KB each), and the page still gets every card.
import { afterEach, describe, expect, it } from 'vitest'
import type { TidingsEvent } from '../../shared/contract'
import { DEFAULT_BATCH_BYTES } from '../core/library/batches'
import { FolderLibrary } from '../core/library/folder-library'
import { sharedCards } from '../core/testing/shared-cards'
import { BACKLOG_BYTES } from './event-stream'
import { startPausedPage, type PausedPage } from './testing/paused-page'

describe('a slow page', () => {
  let page: PausedPage | null = null
  let library: FolderLibrary | null = null

  afterEach(async () => {
    await library?.close()
    await page?.close()
    page = null
  })

  it('holds the host to about one batch in waiting, then gets every card once it reads', async () => {
    page = await startPausedPage()
    const { hub, client } = page

    let largestBacklog = 0
    let sentBytes = 0
    library = new FolderLibrary({
      folder: sharedCards('related-heavy'),
      workers: 0,
      onBatch: (batch) => {
        const event: TidingsEvent = { type: 'batch', batch }
        sentBytes += JSON.stringify(event).length
        hub.emit(event)
        largestBacklog = Math.max(largestBacklog, hub.backlogBytes())
      },
      drain: () => hub.drained()
    })
    let synced = false
    const syncing = library.sync([]).then((result) => {
      synced = true
      return result
    })

    // Once the socket buffers are full, batches wait here; then the sync must stop sending.
    await expect.poll(() => largestBacklog, { timeout: 40_000, interval: 50 }).toBeGreaterThan(0)
    for (let before = -1; before !== sentBytes; ) {
      before = sentBytes
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    expect(synced).toBe(false)
    expect(largestBacklog).toBeLessThanOrEqual(BACKLOG_BYTES + DEFAULT_BATCH_BYTES * 1.1)
    const sentWhilePaused = sentBytes

    const received = new Set<string>()
    let text = ''
    client.setEncoding('utf8')
    client.on('data', (chunk: string) => {
      text += chunk
      for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
        const data = text.slice(0, end).split('\n').find((line) => line.startsWith('data: '))
        text = text.slice(end + 2)
        const event = data === undefined ? null : (JSON.parse(data.slice(6)) as TidingsEvent)
        if (event?.type === 'batch') for (const card of event.batch.upsert) received.add(card.id)
      }
    })
    client.resume()
    const result = await syncing
    await expect.poll(() => received.size, { timeout: 10_000 }).toBe(result.cards)
    // The folder is far bigger than what went out while the page was not reading.
    expect(sentBytes).toBeGreaterThan(sentWhilePaused * 1.5)
  }, 120_000)
})
