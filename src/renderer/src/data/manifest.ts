// What the renderer holds for a folder, as main needs it to send only the changes.
import { Dexie } from 'dexie'
import type { ManifestEntry } from '../../../shared/contract'
import type { TidingsDatabase } from '../db/database'

/**
 * The folder's manifest from the files table. An entry naming a card that is
 * not in the cards table (a half-lost database) is left out, so main reads
 * that file again instead of trusting it.
 */
export async function buildManifest(
  db: TidingsDatabase,
  folder: string,
  hasCard: (id: string) => boolean = () => true
): Promise<ManifestEntry[]> {
  const files = await db.files.where('[folder+path]').between([folder, Dexie.minKey], [folder, Dexie.maxKey]).toArray()
  const manifest: ManifestEntry[] = []
  for (const { path, size, mtimeMs, id, publishedAtMs } of files) {
    if (id !== null && !hasCard(id)) continue
    manifest.push({ path, size, mtimeMs, id, publishedAtMs })
  }
  return manifest
}
