import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

const repo = new URL('../../../', import.meta.url)
interface BuilderConfig {
  productName: string
  icon: string
  files: string[]
  extraResources: unknown
  linux: { target: string[] }
  mac: { target: string }
  win: { target: string }
}
const config = load(readFileSync(new URL('electron-builder.yml', repo), 'utf8')) as BuilderConfig

describe('packaging (electron-builder.yml)', () => {
  it('is a configuration electron-builder accepts', async () => {
    // app-builder-lib is electron-builder's own config loader; it validates against the schema offline.
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js')
    await expect(validateConfiguration(config, { add() {} })).resolves.toBeUndefined()
  })

  it('builds Linux AppImage and deb, a macOS dmg and a Windows installer as "Tidings"', () => {
    expect(config.productName).toBe('Tidings')
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
  })

  it('ships the build output, and the sample folder where the main process looks for it', () => {
    expect(config.files).toContain('out/**')
    expect(config.extraResources).toEqual([{ from: 'resources/sample-cards', to: 'sample-cards' }])
  })

  it('points at a 512x512 RGBA PNG icon', () => {
    const png = readFileSync(new URL(config.icon, repo))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
    expect(png[25]).toBe(6) // colour type: RGBA
  })
})
