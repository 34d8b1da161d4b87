// What the renderer holds for a folder, as main needs it to send only the changes.
import type { ManifestEntry } from '../../../shared/contract'
import { FILE_PAGE_SIZE, type TidingsDatabase } from '../db/database'
import { clearLog, readLog } from './folder-log'

/**
 * A folder's log longer than this is packed when read: a sync adds a record per write (~150 at 10k cards),
 * and a restart should not fold thousands.
 */
const COMPACT_ABOVE = 64

/** The folder's manifest as its log says (every record in write order, folded), and how many records that took. */
async function foldManifest(db: TidingsDatabase, folder: string): Promise<{ entries: Map<string, ManifestEntry>; records: number }> {
  const pages = await readLog(db.filePages, folder)
  const entries = new Map<string, ManifestEntry>()
  for (const page of pages) {
    for (const path of page.removed) entries.delete(path)
    for (const entry of page.files) entries.set(entry.path, entry)
  }
  return { entries, records: pages.length }
}

/**
 * The folder's manifest from its file pages, packing a long log as it goes. An entry naming a card that is
 * not in the cards table (a half-lost database) is left out, so main reads that file again instead of
 * trusting it. Run it where no write of the folder starts meanwhile (the batch writer's queue): a write made
 * earlier commits first, as IndexedDB runs read-write transactions on a store in the order they were made.
 */
export async function buildManifest(
  db: TidingsDatabase,
  folder: string,
  hasCard: (id: string) => boolean = () => true
): Promise<ManifestEntry[]> {
  const entries = await db.transaction('rw', db.filePages, async () => {
    const folded = await foldManifest(db, folder)
    const all = [...folded.entries.values()]
    if (folded.records > COMPACT_ABOVE) {
      await clearLog(db.filePages, folder)
      for (let start = 0; start < all.length; start += FILE_PAGE_SIZE) {
        await db.filePages.add({ removed: [], files: all.slice(start, start + FILE_PAGE_SIZE) }, [folder, start / FILE_PAGE_SIZE])
      }
    }
    return all
  })
  const manifest: ManifestEntry[] = []
  for (const { path, size, mtimeMs, id, publishedAtMs } of entries) {
    if (id !== null && !hasCard(id)) continue
    manifest.push({ path, size, mtimeMs, id, publishedAtMs })
  }
  return manifest
}
