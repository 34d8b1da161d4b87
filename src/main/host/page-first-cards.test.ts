import { describe, expect, it, vi } from 'vitest'
import type { FirstCards } from '../../shared/contract'
import { FIRST_CARDS_ELEMENT_ID } from '../../shared/page-data'
import { pageFirstCards, withFirstCards } from './page-first-cards'

const PAGE = '<!doctype html><html><head><title>Tidings</title></head><body><div id="root"></div></body></html>'
const first = (title: string): FirstCards => ({ folder: '/cards', cards: [{ id: 'a', title } as FirstCards['cards'][number]], marks: [] })

function embedded(html: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${FIRST_CARDS_ELEMENT_ID}">(.*?)</script>`).exec(html)
  return match ? JSON.parse(match[1]) : undefined
}

describe('the first cards written into the page', () => {
  it('sit in the head as JSON that a card title holding </script> cannot end early', () => {
    const hostile = 'Breaking </script><script>alert(1)</script> <!-- news'
    const html = withFirstCards(PAGE, first(hostile))
    expect(html.indexOf(FIRST_CARDS_ELEMENT_ID)).toBeLessThan(html.indexOf('</head>'))
    expect(html.match(/<\/script>/g)).toHaveLength(1)
    expect(embedded(html)).toEqual(first(hostile))
  })

  it('say so when the host has none (null), so the page does not ask again', () => {
    expect(embedded(withFirstCards(PAGE, null))).toBeNull()
  })
})

describe('pageFirstCards', () => {
  it('gives the page a read that is done in time, and a later call a new read', async () => {
    const read = vi.fn(async () => first('one'))
    const cards = pageFirstCards(read, 50)
    expect(await cards.forPage()).toEqual(first('one'))
    await cards.forCall()
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('does not hold the page for a slow read: the page goes without, and its call gets that same read', async () => {
    vi.useFakeTimers()
    try {
      let finish!: (value: FirstCards) => void
      const read = vi.fn(() => new Promise<FirstCards>((resolve) => (finish = resolve)))
      const cards = pageFirstCards(read, 100)
      const forPage = cards.forPage()
      await vi.advanceTimersByTimeAsync(100)
      expect(await forPage).toBeUndefined()
      const forCall = cards.forCall()
      finish(first('late'))
      expect(await forCall).toEqual(first('late'))
      expect(read).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
