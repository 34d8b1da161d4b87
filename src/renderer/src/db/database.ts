// The renderer's one typed Dexie database. The schema lives here and nowhere
// else; a schema change is a new version() with its upgrade function, never an
// edit of a version that has shipped. Everything but `states` and `savedViews`
// can be rebuilt from the folder, and `states` from main's journal, so a failed
// open or upgrade rebuilds the database (see open-database.ts) rather than
// leaving the window blank.
import { Dexie, type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie'
import type { Card, CardError } from '../../../shared/card'
import type { ManifestEntry, Mark } from '../../../shared/contract'
import { FOLDED_PUNCTUATION, foldSearchText, TYPOGRAPHIC_QUOTES } from '../../../shared/search-text'
import type { StoredDetail } from '../data/stored-detail'

/** The light fields of a card: what the list, facets and search need, held in memory at 100k. */
export interface CardRow {
  folder: string
  id: string
  path: string
  title: string
  excerpt: string
  providerName: string
  providerDomain: string
  providerLogo: string | null
  publishedAtMs: number | null
  topics: string[]
  type: string
  quality: number | null
  heat: number | null
  /** The first image, for the list thumbnail. */
  thumbnail: { url: string; width: number | null; height: number | null } | null
  /** Canonical URLs of the card (web, original, AMP), to find it from a related item. */
  urls: string[]
  relatedCount: number
  /** Publication times of the newest related items, newest first (at most 16): new coverage since a read. Absent in rows saved before stories. */
  relatedTimes?: number[]
  /** Lower-cased title, excerpt and related titles: the free-text search haystack. */
  searchText: string
}

/** The whole card, read only for the reading pane: stored as the card itself, under its folder and id (see version 6). */
export type CardDetailKey = string

/** The key of a card's detail: its folder and id, apart by a character neither holds. */
export const cardDetailKey = (folder: string, id: string): CardDetailKey => `${folder}\u0000${id}`

/** A card's detail as versions 1-5 stored it. */
interface StoredCardDetail {
  folder: string
  id: string
  card: Card
}

/** One related item of one card, as story coverage reads it (made from the card's detail; no longer a table). */
export interface RelatedRow {
  folder: string
  cardId: string
  /** Position in the card's related list. */
  index: number
  url: string | null
  title: string
  providerName: string
  publishedAtMs: number | null
}

/** Read and star state. Keyed by card id alone and never deleted with a card. */
export type CardState = Mark

/** A manifest entry as versions 1-6 stored it, one row per file (see FilePage). */
export interface FileRow extends ManifestEntry {
  folder: string
}

export interface ErrorRow extends CardError {
  folder: string
  /** When the error was seen, epoch ms. */
  seenAt: number
}

export interface FolderRow {
  folder: string
  name: string
  openedAt: number
  lastSyncAt: number | null
}

export interface SavedView {
  id?: number
  name: string
  /** The search box text. */
  query: string
  /** Serialised facet selections, owned by the reader feature. */
  filters: Record<string, unknown>
  createdAt: number
}

/**
 * A folder's light rows packed a few thousand to a record: reading 20 records
 * is several times faster than reading 100k, so a restart gets its whole index
 * quickly. Only trusted while the folder's `rowPages:<folder>` setting says valid;
 * every card write marks it stale in the same transaction.
 */
export interface RowPage {
  folder: string
  page: number
  rows: CardRow[]
}

/**
 * The key of a log record (FilePage, RowLogRecord): the folder, then the record's place in the folder's log (one
 * past its last). Kept outside the value, with no index: Chromium extracts an inline or index key from a clone of
 * the stored value it deserializes again on the page's thread, a second pass over every record.
 */
export type LogKey = [folder: string, n: number]

/**
 * A folder's manifest (the files table before version 7) as a log: each sync write adds one record holding the
 * entries it put and the paths it removed, and the manifest is every record of the folder folded in key order
 * (see LogKey). Reading it compacts a long log.
 */
export interface FilePage {
  /** Paths gone, applied before `files` (a record never holds a path in both). */
  removed: string[]
  files: ManifestEntry[]
}

/**
 * The light rows a sync write changed, one record per write (version 7): the cards table took a put per card, a
 * clone on the page's thread and three B-tree writes in the backend each. A folder's rows are its base (the row
 * pages when valid, else the cards table, which only older versions filled) with its log folded on top in key
 * order; saving the row pages folds the log into them and empties it.
 */
export interface RowLogRecord {
  /** Ids gone, applied before `rows` (a record never holds an id in both). */
  removed: string[]
  rows: CardRow[]
}

/**
 * The details one sync write stored, as one record (version 8) keyed like a log (see LogKey) under the number of
 * its DetailIndexRecord: IndexedDB's backend spent ~180 CPU-s storing a 100k sync's details one record each, and
 * ~5× less storing them a write's worth to a record. Either shape reads (detail-packs.ts).
 */
export type DetailPack = ListedDetailPack | BlobDetailPack

/** `details[i]` is the detail of `ids[i]`: a write with any card not packed by the host. */
export interface ListedDetailPack {
  ids: string[]
  details: StoredDetail[]
}

/**
 * Every detail packed by the host, end to end in one Blob: `ids[i]`'s bytes end at `ends[i]` and start where the
 * one before ends. IndexedDB takes a Blob by reference; cloning ~50 byte arrays cost the page ~10 ms a write.
 */
export interface BlobDetailPack {
  ids: string[]
  ends: number[]
  bytes: Blob
}

/**
 * Which cards a write's DetailPack holds and which it removed: light, so a folder's whole index (id → pack) is
 * read in one go and held (see detail-packs.ts). Folded in key order, a later record wins.
 */
export interface DetailIndexRecord {
  /** The record's own number (the second part of its key). */
  n: number
  /** The cards whose detail is in pack `n`, less any the tidy since found newer elsewhere. */
  ids: string[]
  /** Cards gone as of this write. */
  removed: string[]
  /** Entries in the pack as stored (ids may list fewer): the tidy rewrites a pack mostly dead. */
  packed: number
}

export interface SettingRow {
  key: string
  value: unknown
}

/** The first shipped schema, as users' disks hold it: never edit it (a change is a new version). */
export const FIRST_SCHEMA: Readonly<Record<string, string>> = {
  cards: '[folder+id], folder, [folder+publishedAtMs], providerName, *topics, type, quality, heat, *urls',
  cardDetails: '[folder+id], folder',
  related: '[folder+cardId+index], [folder+cardId], url, [folder+url]',
  states: 'id, read, starred, updatedAt',
  files: '[folder+path], folder, id',
  errors: '[folder+path], folder',
  folders: 'folder, openedAt',
  savedViews: '++id, name',
  settings: 'key'
}

/**
 * Every version's changes in order, from version 1: `versionsUpTo(dexie, n)` declares the first n, so a test
 * can build a database as an older release left it.
 */
const SCHEMA_CHANGES: ReadonlyArray<Readonly<Record<string, string | null>>> = [
  FIRST_SCHEMA,
  // A fresh 100k sync is bound by IndexedDB writes, and every index is one
  // more write per record: drop the ones nothing queries (a folder's files and
  // details are read through their [folder+...] keys). Booleans are not valid
  // IndexedDB keys, so the read/starred indexes never held anything.
  {
    cardDetails: '[folder+id]',
    related: '[folder+cardId+index], [folder+cardId], [folder+url]',
    files: '[folder+path]',
    states: 'id, updatedAt'
  },
  { rowPages: '[folder+page]' },
  // The same reasoning for cards: the page filters its rows in memory, so only
  // the newest-first load ([folder+publishedAtMs]) and the URL lookup (*urls)
  // read an index; the other six cost about seven index writes per card.
  { cards: '[folder+id], [folder+publishedAtMs], *urls' },
  // One row per related item (~25 a card, each in three B-trees) was most of a sync's writes: 2.4 million rows
  // at 100k cards. Story coverage now reads the story's card details, and nothing looked related rows up by URL.
  { related: null },
  // Chromium takes an inline key out of each stored value by reading back the clone it just made: for a ~20 KB
  // card that was a second pass over the card per put on the page's thread. The details now keep their key
  // outside the value, and the value is the card itself.
  { cardDetails: null, details: '' },
  // A fresh sync made three IndexedDB requests per card (light row, detail, file row), and each costs the page a
  // clone and a success event and the backend a B-tree write. The manifest is now one record per write (a log
  // folded when read, see FilePage), not one row per file. Nothing reads the cards' *urls index any more (the
  // page finds a card by URL in its memory): it was two or three more index entries per card.
  // The same for the light rows: one log record per write (see RowLogRecord). The cards table stays as the base a
  // version 6 database left, until the row pages replace it.
  { files: null, filePages: '', rowLog: '', cards: '[folder+id], [folder+publishedAtMs]' },
  // The details too, one record per write (see DetailPack). A detail version 7 stored stays in `details` and is
  // read from there until a write packs the card again; the tidy then deletes the old copy.
  { detailIndex: '', detailPacks: '' },
  // No store changes: the haystacks are folded further (see UPGRADES).
  {}
]

/** Entries per record when a folder's manifest is packed whole (an upgrade, a compaction). */
export const FILE_PAGE_SIZE = 5000

/** Folds a stored row's haystack as foldSearchText does now; false when it needed nothing. */
function refoldSearchText(row: CardRow): boolean {
  if (!FOLDED_PUNCTUATION.test(row.searchText)) return false
  row.searchText = foldSearchText(row.searchText)
  return true
}

/** Content upgrades, by the version that runs them. */
const UPGRADES: Readonly<Record<number, (transaction: Transaction) => Promise<unknown>>> = {
  // The details move from the old store before Dexie deletes it (at the end of the same version's upgrade).
  // Haystacks now fold typographic quotes as search terms do, so a stored row's is folded once here (a search
  // for "don't" must find a card saved as "Don’t"); the row pages hold copies of the rows, so they go.
  6: async (transaction) => {
    await transaction
      .table<StoredCardDetail>('cardDetails')
      .each((old) => void transaction.table<Card, CardDetailKey>('details').put(old.card, cardDetailKey(old.folder, old.id)))
    await transaction
      .table<CardRow>('cards')
      .filter((row) => TYPOGRAPHIC_QUOTES.test(row.searchText))
      .modify((row) => {
        row.searchText = foldSearchText(row.searchText)
      })
    await transaction.table('rowPages').clear()
  },
  // The file rows move into the log, a few thousand to a record per folder, before Dexie deletes their store.
  7: async (transaction) => {
    const byFolder = new Map<string, ManifestEntry[]>()
    await transaction.table<FileRow>('files').each(({ folder, path, size, mtimeMs, id, publishedAtMs }) => {
      let entries = byFolder.get(folder)
      if (!entries) byFolder.set(folder, (entries = []))
      entries.push({ path, size, mtimeMs, id, publishedAtMs })
    })
    const pages = transaction.table<FilePage, LogKey>('filePages')
    for (const [folder, entries] of byFolder) {
      for (let start = 0; start < entries.length; start += FILE_PAGE_SIZE) await pages.add({ removed: [], files: entries.slice(start, start + FILE_PAGE_SIZE) }, [folder, start])
    }
  },
  // Haystacks now fold dashes, odd spaces and more punctuation as search terms do, which keeps most of them one
  // byte a character (foldSearchText): each stored row is folded again, wherever it is kept.
  9: async (transaction) => {
    await transaction
      .table<CardRow>('cards')
      .filter((row) => FOLDED_PUNCTUATION.test(row.searchText))
      .modify((row) => void refoldSearchText(row))
    const refoldAll = (holder: { rows: CardRow[] }): boolean => holder.rows.map(refoldSearchText).includes(true)
    await transaction.table<RowPage>('rowPages').toCollection().modify((page) => refoldAll(page))
    await transaction.table<RowLogRecord>('rowLog').toCollection().modify((record) => refoldAll(record))
  }
}

export const LATEST_VERSION = SCHEMA_CHANGES.length

export function versionsUpTo(dexie: Dexie, version: number): void {
  SCHEMA_CHANGES.slice(0, version).forEach((stores, index) => {
    const declared = dexie.version(index + 1).stores(stores)
    const upgrade = UPGRADES[index + 1]
    if (upgrade) declared.upgrade(upgrade)
  })
}

export class TidingsDatabase extends Dexie {
  cards!: Table<CardRow, [string, string]>
  /** Details as versions 6-7 stored them, one record per card: a card object or its packed bytes (stored-detail.ts). */
  details!: Table<StoredDetail, CardDetailKey>
  detailIndex!: Table<DetailIndexRecord, LogKey>
  detailPacks!: Table<DetailPack, LogKey>
  states!: EntityTable<CardState, 'id'>
  filePages!: Table<FilePage, LogKey>
  errors!: Table<ErrorRow, [string, string]>
  folders!: EntityTable<FolderRow, 'folder'>
  savedViews!: EntityTable<SavedView, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  rowPages!: Table<RowPage, [string, number]>
  rowLog!: Table<RowLogRecord, LogKey>

  /** `options` lets tests pass fake-indexeddb's indexedDB and IDBKeyRange. */
  constructor(name = 'tidings', options: DexieOptions = {}) {
    // Relaxed durability: a lost last write is recovered from the folder and
    // the journal, and Chromium commits large syncs much faster without fsyncs.
    super(name, { chromeTransactionDurability: 'relaxed', ...options })
    versionsUpTo(this, LATEST_VERSION)
  }
}

/** The app's database. Tests build their own TidingsDatabase over fake-indexeddb. */
export const db = new TidingsDatabase()
