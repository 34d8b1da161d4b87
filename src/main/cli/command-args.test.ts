import { describe, expect, it } from 'vitest'
import type { CliIo } from './io'
import { run as cache } from './cache-command'
import { run as marks } from './marks-command'
import { run as scan } from './scan-command'
import { run as serve } from './serve-command'
import { run as stories } from './stories-command'

function capture(): CliIo & { stderr(): string } {
  let err = ''
  return { out: () => undefined, err: (text) => void (err += text), interactive: false, stderr: () => err }
}

describe('every tidings command', () => {
  it.each([
    ['scan', scan],
    ['stories', stories],
    ['cache', cache],
    ['marks', marks],
    ['serve', serve]
  ])('%s words an unknown flag and a flag missing its value the same way, with its usage', async (name, run) => {
    const unknown = capture()
    expect(await run(['some-folder', '--frobnicate'], unknown)).toBeGreaterThan(0)
    expect(unknown.stderr()).toContain(`tidings ${name}: unknown option '--frobnicate'\n`)
    expect(unknown.stderr()).toContain(`Usage: tidings ${name}`)
    const valued = capture()
    expect(await run(['some-folder', '--json=yes'], valued)).toBeGreaterThan(0)
    expect(valued.stderr()).toMatch(new RegExp(`tidings ${name}: (--json takes no value|unknown option '--json')`))
  })
})
