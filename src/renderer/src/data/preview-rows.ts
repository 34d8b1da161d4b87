// The host's newest cards (getFirstCards), shown as rows before IndexedDB opens or the first sync
// answers: on a fresh folder the first rows no longer wait for the database, the folder's opening and
// the sync's first batch. They are a preview, never written: the database's rows and the sync's batches
// replace them, and a preview row that neither replaced by the end of the first sync (its file went
// meanwhile) is taken off the list.
import type { FirstCards, TidingsApi } from '../../../shared/contract'
import { markStartup } from '../startup-marks'
import type { CardRow } from '../db/database'
import { toCardRow } from './card-row'
import type { LibraryStore } from './library-store'

export class PreviewRows {
  private folder: string | null = null
  /** The row objects shown; a row the database or a batch gave for the same id is another object. */
  private readonly shown = new Set<CardRow>()

  /** Asks the host for its newest cards and shows them as soon as they come, whatever the database is at. */
  fetch(api: Pick<TidingsApi, 'getFirstCards'>, store: LibraryStore, shownFolder: () => string | null): void {
    api.getFirstCards().then(
      (first) => this.show(store, first, shownFolder()) && markStartup('preview'),
      () => undefined
    )
  }

  /**
   * Shows `first` unless the list already has rows (the database or a batch came first) or another
   * folder is shown (`shownFolder`, null before the first folder is). True when shown.
   */
  show(store: LibraryStore, first: FirstCards | null, shownFolder: string | null): boolean {
    if (first === null || first.cards.length === 0 || store.getRowsSnapshot().rows.size > 0) return false
    if (shownFolder !== null && shownFolder !== first.folder) return false
    this.folder = first.folder
    for (const card of first.cards) this.shown.add(toCardRow(first.folder, card))
    store.putMarks(first.marks.filter((mark) => store.mark(mark.id) === undefined))
    store.applyRows(this.shown)
    return true
  }

  /** After the store was cleared to show `folder`: its preview rows again, or none for another folder. */
  restore(store: LibraryStore, folder: string): void {
    if (this.folder !== folder) return this.forget()
    if (this.shown.size > 0) store.applyRows(this.shown)
  }

  /** Preview rows are on the list that nothing has confirmed yet. */
  get pending(): boolean {
    return this.shown.size > 0
  }

  /** Whether the store's row for a card came from the database or a batch (a preview row is in neither). */
  stored(row: CardRow | undefined): boolean {
    return row !== undefined && !this.shown.has(row)
  }

  /** The first sync of `folder` is over and saved: preview rows nothing replaced are gone from the folder. */
  settle(store: LibraryStore, folder: string): void {
    if (this.folder !== folder) return
    const gone = [...this.shown].filter((row) => store.row(row.id) === row).map((row) => row.id)
    this.forget()
    if (gone.length > 0) store.applyRows([], gone)
  }

  private forget(): void {
    this.folder = null
    this.shown.clear()
  }
}
