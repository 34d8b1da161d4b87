import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveRendererFile, resolveRendererPath } from './renderer-path'

const root = join(tmpdir(), 'renderer-root-not-on-disk')

describe('resolveRendererPath: the app protocol never leaves the renderer build', () => {
  it('maps / and the bare origin to index.html', () => {
    expect(resolveRendererPath(root, 'app://tidings/')).toBe(join(root, 'index.html'))
    expect(resolveRendererPath(root, 'app://tidings')).toBe(join(root, 'index.html'))
    expect(resolveRendererPath(root, 'app://tidings/?x=1#top')).toBe(join(root, 'index.html'))
  })

  it('maps asset paths inside the build folder, ignoring query and fragment', () => {
    expect(resolveRendererPath(root, 'app://tidings/index.html')).toBe(join(root, 'index.html'))
    expect(resolveRendererPath(root, 'app://tidings/assets/index-abc123.js?v=2')).toBe(join(root, 'assets', 'index-abc123.js'))
    expect(resolveRendererPath(root, 'app://tidings/assets/font%20name.woff2')).toBe(join(root, 'assets', 'font name.woff2'))
  })

  it.each([
    'app://tidings/../../etc/passwd',
    'app://tidings/assets/../../../etc/passwd',
    'app://tidings/..',
    'app://tidings/./index.html',
    'app://tidings/%2e%2e/%2e%2e/etc/passwd',
    'app://tidings/%2E%2E/secret',
    'app://tidings/.%2e/secret',
    'app://tidings/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://tidings/..%2fsecret',
    'app://tidings/assets%2f..%2f..%2fsecret',
    'app://tidings/..%5csecret',
    'app://tidings/..\\..\\secret',
    'app://tidings/assets\\..\\..\\secret',
    'app://tidings/%25%32%65%25%32%65/secret'
  ])('refuses the traversal %s', (url) => {
    const resolved = resolveRendererPath(root, url)
    expect(resolved).toBeNull()
  })

  it.each([
    'app://tidings/index.html%00.png',
    'app://tidings/C:/Windows/win.ini',
    'app://tidings/c%3a%5cWindows%5cwin.ini',
    'app://tidings/%E0%A4%A',
    'app://evil/index.html',
    'app://tidings.evil/index.html',
    'https://tidings/index.html',
    'file:///etc/passwd',
    'not a url',
    ''
  ])('refuses %j', (url) => {
    expect(resolveRendererPath(root, url)).toBeNull()
  })

  it('keeps a doubled slash inside the build folder', () => {
    expect(resolveRendererPath(root, 'app://tidings//etc/passwd')).toBe(join(root, 'etc', 'passwd'))
  })
})

describe('resolveRendererFile: symlinks cannot lead outside either', () => {
  let base: string
  let build: string

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'tidings-renderer-'))
    build = join(base, 'renderer')
    await mkdir(join(build, 'assets'), { recursive: true })
    await writeFile(join(build, 'index.html'), '<!doctype html>')
    await writeFile(join(base, 'secret.txt'), 'outside the build')
    await symlink(join(base, 'secret.txt'), join(build, 'assets', 'link.txt'))
  })
  afterAll(() => rm(base, { recursive: true, force: true }))

  it('finds a real file in the build', async () => {
    expect(await resolveRendererFile(build, 'app://tidings/')).toMatch(/index\.html$/)
  })

  it('refuses a symlink that points outside the build', async () => {
    expect(await resolveRendererFile(build, 'app://tidings/assets/link.txt')).toBeNull()
  })

  it('answers null for a file that is not there', async () => {
    expect(await resolveRendererFile(build, 'app://tidings/assets/missing.js')).toBeNull()
  })
})
