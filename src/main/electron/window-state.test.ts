import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readWindowState, restorableState, writeWindowState } from './window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 875 }
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1415 }

describe('restoring the window where the user left it', () => {
  it('restores size, position and maximised state on a display that is still there', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true }
    expect(restorableState(saved, [laptop, rightMonitor])).toEqual(saved)
  })

  it('does not restore onto a monitor that was unplugged', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false }
    expect(restorableState(saved, [laptop])).toBeNull()
  })

  it('does not restore a window whose title bar is off screen', () => {
    expect(restorableState({ bounds: { x: 100, y: -700, width: 1000, height: 800 }, maximized: false }, [laptop])).toBeNull()
    expect(restorableState({ bounds: { x: 1400, y: 100, width: 1000, height: 800 }, maximized: false }, [laptop])).toBeNull()
  })

  it('shrinks a window larger than its display', () => {
    expect(restorableState({ bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false }, [laptop])?.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 })
  })

  it.each([null, 'junk', {}, { bounds: { x: 0, y: 0, width: 'wide', height: 600 } }, { bounds: { x: 0, y: 0, width: 10, height: 10 } }, { bounds: { x: NaN, y: 0, width: 900, height: 600 } }])(
    'ignores a damaged state file: %j',
    (saved) => {
      expect(restorableState(saved, [laptop])).toBeNull()
    }
  )
})

describe('the state file', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tidings-window-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('round-trips', () => {
    const file = join(dir, 'nested', 'window-state.json')
    const state = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false }
    writeWindowState(file, state)
    expect(readWindowState(file)).toEqual(state)
  })

  it('reads a missing or corrupt file as nothing', async () => {
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull()
    await writeFile(join(dir, 'corrupt.json'), '{"bounds":')
    expect(readWindowState(join(dir, 'corrupt.json'))).toBeNull()
  })
})
