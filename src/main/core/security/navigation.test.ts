import { describe, expect, it } from 'vitest'
import { droppedPathOf } from './navigation'

describe('droppedPathOf: a folder dropped on the window', () => {
  it('gives the local path of a dropped file URL', () => {
    expect(droppedPathOf('file:///home/ana/News%20cards/')).toBe('/home/ana/News cards')
    expect(droppedPathOf('file:///home/ana/cards')).toBe('/home/ana/cards')
    expect(droppedPathOf('file://localhost/srv/cards')).toBe('/srv/cards')
  })

  it.each(['https://example.com/', 'app://tidings/index.html', 'file://server/share/cards', 'file:///home/ana/cards?x=1', 'javascript:alert(1)', 'not a url'])(
    'is null for %s',
    (url) => {
      expect(droppedPathOf(url)).toBeNull()
    }
  )
})
