// The folder of cards itself: whether it can be used (and why not, in words for
// the user), and whether one path lies within another.
import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { sep } from 'node:path'
import { messageOf } from '../../shared/errors'

/** Thrown when the folder itself cannot be used (missing, not a folder, unreadable). */
export class FolderUnusableError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string,
    /** The system's error code, or 'not-a-folder'. */
    readonly code?: string
  ) {
    super(`Cannot open folder ${folder}: ${reason}`)
    this.name = 'FolderUnusableError'
  }
}

/** Why a folder cannot be used, in words for the user. */
export function folderUnusableReason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'it does not exist'
    case 'ENOTDIR':
      return 'it is not a folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'it is a symbolic link that loops'
    default:
      return messageOf(error)
  }
}

/** The folder's stat; FolderUnusableError (naming the folder and the reason) when it is missing, unreadable or a file. */
export async function statFolder(folder: string): Promise<Stats> {
  let info: Stats
  try {
    info = await stat(folder)
  } catch (error) {
    throw new FolderUnusableError(folder, folderUnusableReason(error), (error as NodeJS.ErrnoException | undefined)?.code)
  }
  if (!info.isDirectory()) throw new FolderUnusableError(folder, 'it is a file, not a folder', 'not-a-folder')
  return info
}

/** Whether `path` is `folder` or lies within it (both absolute and resolved the same way). */
export function isSameOrInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}
