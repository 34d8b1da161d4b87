// When an opened card counts as read. Stored in the settings table.
export type MarkReadMode = 'open' | 'after' | 'never'

export interface MarkReadSetting {
  mode: MarkReadMode
  /** Used by 'after'. */
  seconds: number
}

export const MARK_READ_KEY = 'reader.markRead'
export const DEFAULT_MARK_READ: MarkReadSetting = { mode: 'after', seconds: 2 }
export const MAX_SECONDS = 120

export function decodeMarkRead(value: unknown): MarkReadSetting {
  if (typeof value !== 'object' || value === null) return DEFAULT_MARK_READ
  const raw = value as Record<string, unknown>
  const mode = raw.mode === 'open' || raw.mode === 'after' || raw.mode === 'never' ? raw.mode : DEFAULT_MARK_READ.mode
  const seconds = typeof raw.seconds === 'number' && Number.isFinite(raw.seconds) ? Math.min(MAX_SECONDS, Math.max(1, Math.round(raw.seconds))) : DEFAULT_MARK_READ.seconds
  return { mode, seconds }
}

/** Milliseconds a card must stay open before it is marked read, or null for never. */
export function markReadDelay(setting: MarkReadSetting): number | null {
  if (setting.mode === 'never') return null
  return setting.mode === 'open' ? 0 : setting.seconds * 1000
}
