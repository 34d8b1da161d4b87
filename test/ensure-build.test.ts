import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { staleReason } from '../scripts/ensure-build.mjs'

// bin/tidings.js builds before running when this says so; `npx tidings` on a fresh clone depends on it.
describe('staleReason (build once when needed)', () => {
  let root: string
  const outputs = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']

  async function touch(path: string, when: Date): Promise<void> {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), '')
    await utimes(join(root, path), when, when)
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tidings-ensure-build-'))
    await touch('src/main/cli/index.ts', new Date('2024-01-01'))
    await touch('electron.vite.config.ts', new Date('2024-01-01'))
    // A folder's mtime counts too (a deleted source changes it), so age the folders as well.
    for (const dir of ['src/main/cli', 'src/main', 'src']) await utimes(join(root, dir), new Date('2024-01-01'), new Date('2024-01-01'))
  })

  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('asks for a build on a fresh clone, naming what is missing', () => {
    expect(staleReason(root)).toBe('out/main/cli.js is missing')
  })

  it('asks for a build when the renderer alone is missing', async () => {
    for (const output of outputs.slice(0, 3)) await touch(output, new Date('2024-02-01'))
    expect(staleReason(root)).toBe('out/renderer/index.html is missing')
  })

  it('is satisfied by a build newer than every source', async () => {
    for (const output of outputs) await touch(output, new Date('2024-02-01'))
    expect(staleReason(root)).toBeNull()
  })

  it('asks again when a source changes after the build', async () => {
    for (const output of outputs) await touch(output, new Date('2024-02-01'))
    await touch('src/renderer/src/App.tsx', new Date('2024-03-01'))
    expect(staleReason(root)).toBe('the sources changed since the last build')
  })
})
