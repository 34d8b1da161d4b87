// A scratch folder in os.tmpdir() for a test file: made before each test (or once for the file's tests)
// and removed after. Call it at the top of a describe block or of the file.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

export function scratchFolder(prefix: string, lifetime: 'each test' | 'all tests' = 'each test'): { readonly path: string } {
  let path: string | undefined
  const [before, after] = lifetime === 'each test' ? [beforeEach, afterEach] : [beforeAll, afterAll]
  before(async () => {
    path = await mkdtemp(join(tmpdir(), prefix))
  })
  after(async () => {
    if (path) await rm(path, { recursive: true, force: true })
    path = undefined
  })
  return {
    get path() {
      if (path === undefined) throw new Error(`scratch folder ${prefix}* asked for outside a test`)
      return path
    }
  }
}
