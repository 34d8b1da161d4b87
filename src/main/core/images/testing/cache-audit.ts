// Reads a cache folder the way a suspicious reviewer would: every file, sniffed afresh.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileTypeFromFile } from 'file-type'
import { FOLDERS_DIR } from '../tracking-file'

const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/apng', 'image/gif', 'image/webp', 'image/avif'])

export interface AuditedFile {
  path: string
  hash: string
  sniffed: string | null
  size: number
  indexState: string | null
  indexMime: string | null
  indexSize: number | null
}

/** What the index on disk says last about each hash (the log's last line wins). */
export async function readIndex(cacheDir: string): Promise<Map<string, Record<string, unknown>>> {
  const text = await readFile(join(cacheDir, 'index.jsonl'), 'utf8').catch(() => '')
  const byHash = new Map<string, Record<string, unknown>>()
  for (const line of text.split('\n')) {
    if (!line) continue
    const record = JSON.parse(line) as Record<string, unknown>
    byHash.set(record.h as string, record)
  }
  return byHash
}

/** Every file under the cache folder except its records (the index, the saved folders), with what it really is. */
export async function auditCache(cacheDir: string): Promise<{ files: AuditedFile[]; strays: string[]; problems: string[] }> {
  const index = await readIndex(cacheDir)
  const files: AuditedFile[] = []
  const strays: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, item.name)
      if (item.isDirectory()) await walk(path)
      else {
        const rel = relative(cacheDir, path)
        // The index and the saved folders are the cache's own records, not images.
        if (rel === 'index.jsonl' || rel.startsWith(`${FOLDERS_DIR}/`)) continue
        if (!rel.startsWith('files/')) {
          strays.push(rel)
          continue
        }
        const record = index.get(item.name)
        files.push({
          path: rel,
          hash: item.name,
          sniffed: (await fileTypeFromFile(path))?.mime ?? null,
          size: (await stat(path)).size,
          indexState: record ? String(record.s) : null,
          indexMime: record ? ((record.m as string) ?? null) : null,
          indexSize: record ? ((record.z as number) ?? null) : null
        })
      }
    }
  }
  await walk(cacheDir)
  const problems: string[] = []
  for (const file of files) {
    if (!file.sniffed || !ALLOWED.has(file.sniffed)) problems.push(`${file.path} is ${file.sniffed ?? 'unknown'}`)
    if (file.indexState !== 'c') problems.push(`${file.path} is not indexed as cached`)
    if (file.indexSize !== file.size) problems.push(`${file.path} has ${file.size} bytes, index says ${file.indexSize}`)
    if (file.sniffed && file.indexMime && file.indexMime !== file.sniffed.replace('image/apng', 'image/png')) problems.push(`${file.path} sniffs as ${file.sniffed}, index says ${file.indexMime}`)
  }
  const onDisk = new Set(files.map((file) => file.hash))
  for (const [hash, record] of index) if (record.s === 'c' && !onDisk.has(hash)) problems.push(`${hash} is indexed as cached but has no file`)
  return { files, strays, problems }
}
