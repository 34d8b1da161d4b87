import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isCacheHash } from './hash'
import { isRunning } from './running-process'

const FILES_DIR = 'files'
const TEMP_DIR = 'tmp'
const TEMP_NAME = /^([0-9a-f]{64})\.(\d+)\.[0-9a-f]+\.part$/

/**
 * Where cached files live: `files/<first two hex>/<sha256 of the URL>`, never a name taken from
 * the URL. Downloads are written under `tmp/` and renamed into place only when complete.
 */
export class CacheStore {
  readonly filesDir: string
  readonly tempDir: string

  constructor(readonly cacheDir: string) {
    this.filesDir = join(cacheDir, FILES_DIR)
    this.tempDir = join(cacheDir, TEMP_DIR)
  }

  async prepare(): Promise<void> {
    await mkdir(this.filesDir, { recursive: true })
    await mkdir(this.tempDir, { recursive: true })
    await this.removeStrayTempFiles()
  }

  /** The file of a cache key; throws for anything that is not exactly 64 lower-case hex digits. */
  pathOf(hash: string): string {
    if (!isCacheHash(hash)) throw new Error('not a cache key')
    return join(this.filesDir, hash.slice(0, 2), hash)
  }

  tempPathFor(hash: string): string {
    if (!isCacheHash(hash)) throw new Error('not a cache key')
    return join(this.tempDir, `${hash}.${process.pid}.${randomBytes(4).toString('hex')}.part`)
  }

  async commit(tempPath: string, hash: string): Promise<void> {
    const target = this.pathOf(hash)
    await mkdir(join(this.filesDir, hash.slice(0, 2)), { recursive: true })
    await rename(tempPath, target)
  }

  async remove(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true })
  }

  /** Size of the cached file, or null when it is missing or not a plain file (a planted symlink, say). */
  async sizeOf(hash: string): Promise<number | null> {
    try {
      const stats = await lstat(this.pathOf(hash))
      return stats.isFile() ? stats.size : null
    } catch {
      return null
    }
  }

  /** Every cache key with a file on disk; anything else found in the files folder is removed. */
  async listHashes(): Promise<Set<string>> {
    const found = new Set<string>()
    for (const shard of await readdir(this.filesDir, { withFileTypes: true })) {
      const shardPath = join(this.filesDir, shard.name)
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) {
        await rm(shardPath, { recursive: true, force: true })
        continue
      }
      for (const file of await readdir(shardPath, { withFileTypes: true })) {
        if (file.isFile() && isCacheHash(file.name) && file.name.startsWith(shard.name)) found.add(file.name)
        else await rm(join(shardPath, file.name), { recursive: true, force: true })
      }
    }
    return found
  }

  // A crash leaves `.part` files behind; those of a process still running (another Tidings
  // sharing the cache) are its live downloads and stay.
  private async removeStrayTempFiles(): Promise<void> {
    for (const name of await readdir(this.tempDir)) {
      const match = TEMP_NAME.exec(name)
      const owner = match ? Number(match[2]) : 0
      if (owner && owner !== process.pid && isRunning(owner)) continue
      await rm(join(this.tempDir, name), { recursive: true, force: true })
    }
  }
}
