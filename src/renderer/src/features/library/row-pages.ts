// The startup copy of a folder's rows (see RowPage). Written when the folder
// is quiet, marked stale by every card write, read instead of the cards table
// when valid.
import { Dexie } from 'dexie'
import type { CardRow, RowPage, TidingsDatabase } from '../../db/database'

const ROWS_PER_PAGE = 5000

interface RowPagesState {
  valid: boolean
  pages: number
  rows: number
}

const keyOf = (folder: string): string => `rowPages:${folder}`
const pageRange = (folder: string): [[string, number], [string, unknown]] => [
  [folder, 0],
  [folder, Dexie.maxKey]
]

/** Inside a card write's transaction (which must include the settings table). */
export function markRowPagesStale(db: TidingsDatabase, folder: string): Promise<unknown> {
  const stale: RowPagesState = { valid: false, pages: 0, rows: 0 }
  return db.settings.put({ key: keyOf(folder), value: stale })
}

export async function saveRowPages(db: TidingsDatabase, folder: string, rows: readonly CardRow[]): Promise<void> {
  const pages: RowPage[] = []
  for (let start = 0; start < rows.length; start += ROWS_PER_PAGE) {
    pages.push({ folder, page: pages.length, rows: rows.slice(start, start + ROWS_PER_PAGE) })
  }
  const state: RowPagesState = { valid: true, pages: pages.length, rows: rows.length }
  await db.transaction('rw', [db.rowPages, db.settings], async () => {
    await db.rowPages.where('[folder+page]').between(...pageRange(folder)).delete()
    await db.rowPages.bulkPut(pages)
    await db.settings.put({ key: keyOf(folder), value: state })
  })
}

/** The folder's rows from its pages, or null when there are none or they are stale. */
export async function loadRowPages(db: TidingsDatabase, folder: string): Promise<CardRow[] | null> {
  return db.transaction('r', [db.rowPages, db.settings], async () => {
    const state = (await db.settings.get(keyOf(folder)))?.value as RowPagesState | undefined
    if (!state?.valid) return null
    const pages = await db.rowPages.where('[folder+page]').between(...pageRange(folder)).toArray()
    const rows = pages.flatMap((page) => page.rows)
    return pages.length === state.pages && rows.length === state.rows ? rows : null
  })
}
