// Lists the card files of a folder and its subfolders. Skips dotfiles and
// dotfolders, node_modules and non-Markdown files; follows symlinks, but a
// link back into its own ancestry is reported as a loop instead of followed.
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CardError } from '../../../shared/card'
import { isSameOrInside } from '../folders'
import { readFailure } from '../parse/parse-card'
import { asciiViewOf, badNameError, escapedNameOf, utf8NameOf } from './file-names'
import { isSyncFolder, isSyncTempFile } from './sync-litter'

const CARD_FILE = /\.(md|markdown)$/i
const SKIPPED_FOLDERS = new Set(['node_modules'])

export interface Listing {
  /** Relative paths with `/` separators, sorted. */
  files: string[]
  /** Folders that could not be listed, symlink loops, broken links and names that are not UTF-8. */
  errors: CardError[]
}

interface PendingFolder {
  absolute: string
  relative: string
  real: string
}

export function isCardFileName(name: string): boolean {
  return !name.startsWith('.') && CARD_FILE.test(name) && !isSyncTempFile(name)
}

/**
 * `rootReal` is the folder's realpath. Listing the root itself must succeed
 * (the caller checks that); a subfolder that fails becomes an error.
 */
export async function listCardFiles(root: string, rootReal: string, signal?: AbortSignal): Promise<Listing> {
  const files: string[] = []
  const errors: CardError[] = []
  const visited = new Set<string>()
  const pending: PendingFolder[] = [{ absolute: root, relative: '', real: rootReal }]

  while (pending.length > 0) {
    signal?.throwIfAborted()
    const folder = pending.pop()!
    let entries: Dirent<Buffer>[]
    try {
      entries = await readdir(folder.absolute, { withFileTypes: true, encoding: 'buffer' })
    } catch (error) {
      if (folder.relative === '') throw error
      const outcome = readFailure(folder.relative, error)
      if (!outcome.ok) errors.push({ ...outcome.error, message: outcome.error.message.replace('the file', 'the folder') })
      continue
    }
    for (const entry of entries) {
      const name = utf8NameOf(entry.name)
      if (name === null) {
        const bad = badNameOf(entry, folder.relative)
        if (bad) errors.push(bad)
        continue
      }
      if (name.startsWith('.')) continue
      const relative = folder.relative === '' ? name : `${folder.relative}/${name}`
      const absolute = join(folder.absolute, name)
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(name) || isSyncFolder(name)) continue
        pending.push({ absolute, relative, real: join(folder.real, name) })
      } else if (entry.isFile()) {
        if (isCardFileName(name)) files.push(relative)
      } else if (entry.isSymbolicLink()) {
        await followLink({ absolute, relative, name, parentReal: folder.real, rootReal, visited, files, errors, pending })
      }
    }
  }
  files.sort()
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files, errors }
}

/** The error for an entry whose name is not UTF-8, when it would have been read: a card file, a folder or a link. */
function badNameOf(entry: Dirent<Buffer>, parent: string): CardError | null {
  const view = asciiViewOf(entry.name)
  if (view.startsWith('.')) return null
  const path = parent === '' ? escapedNameOf(entry.name) : `${parent}/${escapedNameOf(entry.name)}`
  if (entry.isDirectory()) return SKIPPED_FOLDERS.has(view) ? null : badNameError(path, 'folder')
  if (entry.isFile() || entry.isSymbolicLink()) return isCardFileName(view) ? badNameError(path, 'file') : null
  return null
}

interface LinkContext {
  absolute: string
  relative: string
  name: string
  parentReal: string
  rootReal: string
  /** Folders outside the root already reached through a link. */
  visited: Set<string>
  files: string[]
  errors: CardError[]
  pending: PendingFolder[]
}

async function followLink(link: LinkContext): Promise<void> {
  const looksLikeCard = isCardFileName(link.name)
  let target
  try {
    target = await stat(link.absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') {
      link.errors.push({ path: link.relative, code: 'symlink-loop', message: 'the symbolic link loops back on itself' })
    } else if (looksLikeCard) {
      const missing = code === 'ENOENT'
      link.errors.push({
        path: link.relative,
        code: missing ? 'unreadable' : 'permission-denied',
        message: missing ? 'the symbolic link points to a file that does not exist' : `the symbolic link cannot be followed (${code})`
      })
    }
    return
  }
  if (target.isFile()) {
    if (looksLikeCard) link.files.push(link.relative)
    return
  }
  if (!target.isDirectory() || SKIPPED_FOLDERS.has(link.name)) return
  let real: string
  try {
    real = await realpath(link.absolute)
  } catch {
    return
  }
  if (isSameOrInside(real, link.parentReal)) {
    link.errors.push({ path: link.relative, code: 'symlink-loop', message: `the symbolic link leads back to a folder that contains it (${real}); it is not followed` })
    return
  }
  // A folder inside the root is listed under its own path, and a second link
  // to an outside folder adds nothing: following either would list cards twice.
  if (isSameOrInside(link.rootReal, real) || link.visited.has(real)) return
  link.visited.add(real)
  link.pending.push({ absolute: link.absolute, relative: link.relative, real })
}
