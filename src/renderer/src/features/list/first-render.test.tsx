import { createRef } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ROW_HEIGHT, useListVirtualizer, VirtualListbox } from './VirtualListbox'

function List({ count }: { count: number }) {
  const listRef = createRef<HTMLDivElement>()
  const virtualizer = useListVirtualizer(count, listRef)
  return <VirtualListbox label="Cards" listRef={listRef} virtualizer={virtualizer} activeId={undefined} renderOption={(position, top, key) => <div key={String(key)} role="option" aria-selected={false} style={{ top }}>{`row ${position}`}</div>} />
}

describe('the list before it is measured', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('renders the first screenful of rows in its first render, before any layout effect measured it', () => {
    vi.stubGlobal('window', { innerHeight: 10 * ROW_HEIGHT })
    // renderToString runs the render alone: no effect, so no measurement, as in the page's first commit.
    const html = renderToString(<List count={1000} />)
    const rows = html.match(/role="option"/g) ?? []
    expect(html).toContain('row 0')
    expect(rows.length).toBeGreaterThanOrEqual(10)
    expect(rows.length).toBeLessThan(40)
  })
})
