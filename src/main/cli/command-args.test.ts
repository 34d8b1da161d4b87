import { describe, expect, it } from 'vitest'
import { run as cache } from './cache-command'
import { run as marks } from './marks-command'
import { run as scan } from './scan-command'
import { run as serve } from './serve-command'
import { run as stories } from './stories-command'
import { captureIo } from './testing/run-cli'

describe('every tidings command', () => {
  it.each([
    ['scan', scan],
    ['stories', stories],
    ['cache', cache],
    ['marks', marks],
    ['serve', serve]
  ])('%s words an unknown flag and a flag missing its value the same way, with its usage', async (name, run) => {
    const unknown = captureIo()
    expect(await run(['some-folder', '--frobnicate'], unknown)).toBeGreaterThan(0)
    expect(unknown.stderr()).toContain(`tidings ${name}: unknown option '--frobnicate'\n`)
    expect(unknown.stderr()).toContain(`Usage: tidings ${name}`)
    const valued = captureIo()
    expect(await run(['some-folder', '--json=yes'], valued)).toBeGreaterThan(0)
    expect(valued.stderr()).toMatch(new RegExp(`tidings ${name}: (--json takes no value|unknown option '--json')`))
  })
})

describe('every command that reads a folder', () => {
  it.each([
    ['scan', scan],
    ['stories', stories],
    ['cache', cache],
    ['marks', marks]
  ])('%s exits 2 naming a missing folder and why, and prints its help for --help', async (name, run) => {
    const missing = `/nonexistent-tidings-folder-${name}`
    const io = captureIo()
    expect(await run([missing], io)).toBe(2)
    expect(io.stderr()).toBe(`tidings ${name}: cannot open folder ${missing}: it does not exist\n`)
    const help = captureIo()
    expect(await run(['--help'], help)).toBe(0)
    expect(help.stdout()).toContain(`Usage: tidings ${name}`)
    expect(help.stderr()).toBe('')
  })
})
