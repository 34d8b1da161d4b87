// What file-sync tools (Syncthing, Dropbox, OneDrive, iCloud Drive) leave in a
// synced card folder. Their own folders and temp files are never cards and never
// errors; a conflict copy of a card is an error naming the card, so the user can
// clean it up.

/** Sync tools' folders, and Tidings' own (.tidings/ holds the marks devices share). */
const SYNC_FOLDERS = new Set(['.tidings', '.stfolder', '.stversions', '.dropbox.cache'])

export function isSyncFolder(name: string): boolean {
  return SYNC_FOLDERS.has(name)
}

/** A sync tool's file in progress: Syncthing's `~syncthing~x.md.tmp` and `.syncthing.x.md.tmp`, and `.~x` lock and temp files. */
export function isSyncTempFile(name: string): boolean {
  return (name.startsWith('~syncthing~') && name.endsWith('.tmp')) || (name.startsWith('.syncthing.') && name.endsWith('.tmp')) || name.startsWith('.~')
}

// Syncthing: story.sync-conflict-20240101-120000-ABCDEFG.md
const SYNCTHING_CONFLICT = /^(.*)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]+)?(\.[^.]+)?$/
// Dropbox: story (Laptop's conflicted copy 2024-01-01).md, story (conflicted copy 2024-01-01 (1)).md
const DROPBOX_CONFLICT = /^(.*?) \((?:[^()]*'s )?conflicted copy(?:[^()]|\([^()]*\))*\)(\.[^.]+)?$/i

/** The name of the file this is a sync tool's conflict copy of, or null when it is not one. */
export function conflictCopyOf(name: string): string | null {
  const match = SYNCTHING_CONFLICT.exec(name) ?? DROPBOX_CONFLICT.exec(name)
  return match ? match[1] + (match[2] ?? '') : null
}

/** The error a conflict copy of a card is listed with, or null for any other file. */
export function conflictCopyMessage(relPath: string): string | null {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1)
  const original = conflictCopyOf(name)
  return original === null ? null : `a sync tool's conflict copy of ${original}: compare the two and delete the one you do not want`
}
