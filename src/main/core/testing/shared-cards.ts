// The real cards the project is tested on, in ../shared/cards beside the
// checkout (see ../shared/FORMAT.md). Tests count what is there rather than
// hard-code a count, and fail with the folder's name when it is missing.
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const SHARED_CARDS = resolve(__dirname, '../../../../../shared/cards')

/** The folder (of the shared cards, or one below it); throws, naming it, when it is missing. */
export function sharedCards(subfolder = ''): string {
  const path = join(SHARED_CARDS, subfolder)
  if (!existsSync(path)) throw new Error(`The real test cards are missing: ${path} (the tests need ../shared/cards beside the checkout; see ../shared/FORMAT.md)`)
  return path
}

/** Every card file (*.md, *.markdown) in the folder and its subfolders, as absolute paths. */
export function cardFilesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return cardFilesIn(path)
    return /\.(md|markdown)$/i.test(entry.name) ? [path] : []
  })
}
