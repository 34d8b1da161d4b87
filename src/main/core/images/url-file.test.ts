import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UrlFile } from './url-file'

describe('the URL scratch file', () => {
  let dir: string
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'tidings-urls-'))))
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('gives back every record by its offset, whether written out yet or still buffered, and leaves no file', async () => {
    const file = new UrlFile(dir)
    expect(await readdir(join(dir, '.scratch'))).toEqual([])
    const records: Array<{ head: Buffer; text: string; offset: number; textBytes: number }> = []
    for (let i = 0; i < 5_000; i++) {
      const head = Buffer.alloc(32, i % 251)
      // Some longer than the append buffer, some not ASCII.
      const text = i % 1000 === 7 ? `data:image/png;base64,${'A'.repeat(70_000 + i)}` : `https://cdn${i % 5}.example.com/café/${i}.jpg`
      records.push({ head, text, ...file.append(head, text) })
    }
    for (const { head, text, offset, textBytes } of [...records].reverse()) {
      const bytes = file.read(offset, 32 + textBytes)
      expect(Buffer.compare(bytes.subarray(0, 32), head)).toBe(0)
      expect(bytes.toString('utf8', 32)).toBe(text)
    }
    file.close()
    expect(await readdir(join(dir, '.scratch'))).toEqual([])
  })

  it("removes a scratch file a crashed process left (where it could not be unlinked), never a running process's", async () => {
    const scratch = join(dir, '.scratch')
    await mkdir(scratch)
    // Above Linux's largest pid, so never running; pid 1 always is.
    const crashed = 'image-urls.999999999.abc.scratch'
    const running = 'image-urls.1.def.scratch'
    await writeFile(join(scratch, crashed), 'left over')
    await writeFile(join(scratch, running), 'in use')
    new UrlFile(dir).close()
    expect(await readdir(scratch)).toEqual([running])
  })
})
