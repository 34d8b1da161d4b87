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

  it('gives back the right record when reads and appends interleave, near the end of the file and far behind it', () => {
    const file = new UrlFile(dir)
    const records: Array<{ text: string; offset: number; textBytes: number }> = []
    let seed = 7
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    for (let i = 0; i < 20_000; i++) {
      const text = `https://img${i % 7}.example.org/${'x'.repeat(next(300))}/${i}.webp`
      records.push({ text, ...file.append(Buffer.alloc(32, i % 256), text) })
      // Mostly the newest records (a block still being filled, then extended), sometimes any.
      const pick = next(3) === 0 ? next(records.length) : Math.max(0, records.length - 1 - next(600))
      const { text: expected, offset, textBytes } = records[pick]
      expect(file.read(offset, 32 + textBytes).toString('utf8', 32)).toBe(expected)
    }
    file.close()
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
