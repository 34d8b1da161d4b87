// One card read straight from its files for the reading pane. It runs beside
// the folder's queue, never in it: a user opening a card during a 100k sync
// must not wait for the sync, and a card is one small file.
import type { Card } from '../../../shared/card'
import type { CardLookup } from '../../../shared/contract'
import { readCardFile } from '../parse/parse-card'
import { isCardFileName } from '../scan/list-files'
import { compareCopies } from '../scan/copies'

/**
 * A relative card path from the renderer, or null unless it names a card file
 * inside the folder (no absolute path, no `..`, no backslash, no hidden name).
 */
export function safeCardPath(path: unknown): string | null {
  if (typeof path !== 'string' || path === '' || path.length > 4096) return null
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0') || /^[A-Za-z]:/.test(path)) return null
  const parts = path.split('/')
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return null
  return isCardFileName(parts[parts.length - 1]) ? path : null
}

/**
 * Reads every candidate file of `id` and returns the story's winner (the same
 * rule as a scan), `removed` when every candidate is gone or now gives another
 * card, and `unknown` when a candidate exists but cannot be read.
 */
export async function readOneCard(folder: string, id: string, candidates: Iterable<string>): Promise<CardLookup> {
  const paths = [...new Set(candidates)]
  const outcomes = await Promise.all(paths.map((path) => readCardFile(folder, path)))
  const found: Array<{ card: Card; mtimeMs: number }> = []
  const problems: string[] = []
  for (const { outcome, mtimeMs } of outcomes) {
    if (outcome.ok) {
      if (outcome.card.id === id) found.push({ card: outcome.card, mtimeMs })
    } else if (outcome.error.code !== 'vanished') {
      problems.push(`${outcome.error.path}: ${outcome.error.message}`)
    }
  }
  if (found.length > 0) {
    const ranked = found
      .map((entry) => ({ ...entry, path: entry.card.path, id, publishedAtMs: entry.card.publishedAtMs }))
      .sort(compareCopies)
    return { state: 'found', card: { ...ranked[0].card, aliases: ranked.slice(1).map((entry) => entry.path) } }
  }
  if (problems.length > 0) return { state: 'unknown', reason: problems.join('; ') }
  return { state: 'removed' }
}
