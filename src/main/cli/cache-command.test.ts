import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditCache } from '../core/images/testing/cache-audit'
import { startImageServer, type ImageServer } from '../core/images/testing/image-server'
import { tempDir } from '../core/images/testing/service-harness'
import { run } from './cache-command'
import { captureIo } from './testing/run-cli'

function card(title: string, date: string, images: string[], logo: string, related: Array<{ image: string; logo: string }>): string {
  return [
    '---',
    'category: news',
    `title: "${title}"`,
    `publishedDateTime: ${date}`,
    `webUrl: "https://example.org/${encodeURIComponent(title)}"`,
    'type: article',
    'provider:',
    '  name: Example',
    '  domain: example.org',
    '  images:',
    `    - url: "${logo}"`,
    '      width: 50',
    '      height: 50',
    'images:',
    ...images.flatMap((url) => [`  - url: "${url}"`, '    width: 800', '    height: 450']),
    'related:',
    ...related.flatMap((item, i) => [
      `  - title: "Related ${i}"`,
      `    webUrl: "https://other.example/${i}"`,
      '    provider:',
      '      name: Other',
      '      domain: other.example',
      '      images:',
      `        - url: "${item.logo}"`,
      '    images:',
      `      - url: "${item.image}"`
    ]),
    '---',
    ''
  ].join('\n')
}

describe('tidings cache FOLDER', () => {
  let server: ImageServer
  let folder: Awaited<ReturnType<typeof tempDir>>
  let data: Awaited<ReturnType<typeof tempDir>>

  beforeEach(async () => {
    server = await startImageServer()
    folder = await tempDir('tidings-cards-')
    data = await tempDir('tidings-data-')
    await mkdir(join(folder.path, 'sub'))
    const u = (path: string) => server.url(path)
    await writeFile(join(folder.path, '2024-01-02-one.md'), card('One', '2024-01-02T10:00:00Z', [u('/good.jpg'), u('/html-as-image')], u('/good.png'), [{ image: u('/good.webp'), logo: u('/missing') }]))
    await writeFile(join(folder.path, 'sub', '2024-01-01-two.md'), card('Two', '2024-01-01T10:00:00Z', [u('/good.gif'), u('/good.jpg')], u('/good.png'), [{ image: u('/script.svg'), logo: u('/flaky') }]))
    await writeFile(join(folder.path, 'broken.md'), '---js\nmodule.exports = {}\n---\n')
  })

  afterEach(async () => {
    await server.close()
    await folder.remove()
    await data.remove()
  })

  it('caches every image, then says what was cached, already cached and failed by reason', async () => {
    const io = captureIo()
    expect(await run([folder.path, '--data-dir', data.path, '--allow-private-images'], io)).toBe(0)
    const text = io.stdout()
    expect(text).toMatch(/images:\s+8/)
    expect(text).toMatch(/cached now:\s+5/)
    expect(text).toMatch(/already cached:\s+0/)
    expect(text).toMatch(/failed:\s+3/)
    expect(text).toMatch(/refused-type\s+2/)
    expect(text).toMatch(/http-404\s+1/)
    expect(text).toContain(join(data.path, 'image-cache'))
    const audit = await auditCache(join(data.path, 'image-cache'))
    expect(audit.problems).toEqual([])
    expect(audit.files).toHaveLength(5)

    const again = captureIo()
    expect(await run([folder.path, '--data-dir', data.path, '--allow-private-images'], again)).toBe(0)
    expect(again.stdout()).toMatch(/cached now:\s+0/)
    expect(again.stdout()).toMatch(/already cached:\s+5/)
    expect(server.hits('/good.jpg')).toBe(1)
  })

  it('prints one JSON line per image and a summary line with --json', async () => {
    const io = captureIo()
    const cacheDir = join(data.path, 'elsewhere')
    expect(await run([folder.path, '--json', '--cache-dir', cacheDir, '--allow-private-images'], io)).toBe(0)
    const lines = io
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const images = lines.filter((line) => line.type === 'image')
    expect(images).toHaveLength(8)
    expect(new Set(images.map((line) => line.url)).size).toBe(8)
    expect(images.find((line) => line.url === server.url('/good.gif'))).toMatchObject({ state: 'cached', mime: 'image/gif', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(images.find((line) => line.url === server.url('/script.svg'))).toMatchObject({ state: 'failed', reason: 'refused-type', detail: expect.stringContaining('svg') })
    expect(lines.at(-1)).toMatchObject({ type: 'summary', cards: 2, images: 8, cached: 5, alreadyCached: 0, failed: 3, failedByReason: { 'refused-type': 2, 'http-404': 1 }, cacheDir })
    expect(io.stderr()).toBe('')
  })

  it('refuses every image on a private address without --allow-private-images or the setting, and requests none', async () => {
    const io = captureIo()
    expect(await run([folder.path, '--json', '--data-dir', data.path], io)).toBe(0)
    const summary = JSON.parse(io.stdout().trim().split('\n').at(-1)!)
    expect(summary).toMatchObject({ images: 8, cached: 0, failed: 8, failedByReason: { 'private-address': 8 } })
    expect(summary.exampleFailures['private-address']).toContain('private address 127.0.0.1')
    expect(server.log).toEqual([])

    // The user's explicit setting in the data folder allows them, as the flag does.
    await writeFile(join(data.path, 'state.json'), JSON.stringify({ settings: { allowPrivateImages: true } }))
    const allowed = captureIo()
    expect(await run([folder.path, '--data-dir', data.path], allowed)).toBe(0)
    expect(allowed.stdout()).toMatch(/cached now:\s+5/)
  })

  it('exits 2 with a clear message for a folder that cannot be used', async () => {
    const io = captureIo()
    expect(await run([join(folder.path, 'no-such-folder'), '--cache-dir', data.path], io)).toBe(2)
    expect(io.stderr()).toContain('no-such-folder')
    const file = captureIo()
    expect(await run([join(folder.path, '2024-01-02-one.md'), '--cache-dir', data.path], file)).toBe(2)
  })

  it('explains its usage', async () => {
    const help = captureIo()
    expect(await run(['--help'], help)).toBe(0)
    expect(help.stdout()).toContain('Usage: tidings cache FOLDER')
    const none = captureIo()
    expect(await run([], none)).toBe(1)
    expect(none.stderr()).toContain('which folder?')
    const bad = captureIo()
    expect(await run([folder.path, '--concurrency', 'lots'], bad)).toBe(1)
  })
})
