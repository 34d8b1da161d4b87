// Card dates: js-yaml hands over a Date for unquoted timestamps; a quoted one
// arrives as a string. Both become an ISO string in UTC plus epoch ms.

export interface UtcDate {
  iso: string
  ms: number
}

// The YAML 1.1 timestamp forms (what js-yaml accepts unquoted), so a quoted
// date means the same as an unquoted one. No zone means UTC, as in YAML.
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?[ \t]*(Z|z|[-+]\d{1,2}(?::?\d{2})?)?)?$/

export function toUtcDate(value: unknown): UtcDate | null {
  let ms: number
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === 'string') ms = parseDateText(value.trim())
  else return null
  if (!Number.isFinite(ms)) return null
  return { iso: isoOf(ms), ms }
}

// A folder's related items name the same few thousand stories over and over, so their times repeat:
// a lookup costs far less than formatting a Date (a tenth of a card's normalising, measured).
const isoByMs = new Map<number, string>()
const ISO_CACHE_LIMIT = 16_384

function isoOf(ms: number): string {
  let iso = isoByMs.get(ms)
  if (iso === undefined) {
    iso = new Date(ms).toISOString()
    if (isoByMs.size >= ISO_CACHE_LIMIT) isoByMs.clear()
    isoByMs.set(ms, iso)
  }
  return iso
}

function parseDateText(text: string): number {
  const match = TIMESTAMP.exec(text)
  if (match === null) return parseOtherDate(text)
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), millis)
  if (!isCalendarDate(ms, Number(year), Number(month), Number(day))) return NaN
  return ms - zoneOffsetMs(zone)
}

function isCalendarDate(ms: number, year: number, month: number, day: number): boolean {
  const date = new Date(ms)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.length <= 2 ? digits : digits.slice(0, digits.length - 2))
  const minutes = digits.length <= 2 ? 0 : Number(digits.slice(-2))
  return sign * (hours * 60 + minutes) * 60_000
}

// Other spellings (`Tue, 04 Mar 2025 10:00:00 GMT`) only when they name their
// zone: without one, Date.parse would use the reader's local time.
function parseOtherDate(text: string): number {
  if (!/(?:\bGMT\b|\bUTC\b|\bZ\b|[-+]\d{2}:?\d{2}\b)/.test(text)) return NaN
  return Date.parse(text)
}
