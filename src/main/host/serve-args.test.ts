import { describe, expect, it } from 'vitest'
import { parseServeArgs } from './serve-args'

describe('tidings serve arguments', () => {
  it('defaults to the sample folder, the usual port and opening the browser', () => {
    expect(parseServeArgs([])).toEqual({ folder: null, port: null, dataDir: null, open: true, allowPrivateImages: false, help: false })
  })

  it('reads a folder, port, data dir, --no-open and --allow-private-images in any order', () => {
    expect(parseServeArgs(['--port', '4821', 'cards', '--no-open', '--allow-private-images', '--data-dir', '/tmp/data'])).toEqual({
      folder: 'cards',
      port: 4821,
      dataDir: '/tmp/data',
      open: false,
      allowPrivateImages: true,
      help: false
    })
  })

  it('refuses a bad port, two folders and unknown flags with a clear message', () => {
    expect(() => parseServeArgs(['--port', 'eighty'])).toThrow('--port must be a number from 0 to 65535, got "eighty"')
    expect(() => parseServeArgs(['--port', '70000'])).toThrow('--port')
    expect(() => parseServeArgs(['a', 'b'])).toThrow('at most one FOLDER')
    expect(() => parseServeArgs(['--bogus'])).toThrow(/bogus/)
  })
})
