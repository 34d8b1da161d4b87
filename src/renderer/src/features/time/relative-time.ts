// How times read on screen: short relative dates in the list, a full local
// date plus "3 days ago" in the reading pane, and signed offsets ("+2 h",
// "−1 d") for related coverage measured from the card itself.
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** U+2212, the typographic minus. */
export const MINUS = '\u2212'

const monthDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })
const monthDayYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** The list's compact date: "now", "5 min", "3 h", "2 d", then "29 Jan" this year or "29 Jan 2022". */
export function shortRelative(at: number | null, now: number): string {
  if (at === null || !Number.isFinite(at)) return 'No date'
  const age = now - at
  if (age < 0) return age > -HOUR ? 'now' : monthDayYear.format(at)
  if (age < MINUTE) return 'now'
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`
  if (age < DAY) return `${Math.floor(age / HOUR)} h`
  if (age < 7 * DAY) return `${Math.floor(age / DAY)} d`
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? monthDay.format(at) : monthDayYear.format(at)
}

/** "3 days ago", "in 2 hours", "yesterday". */
export function longRelative(at: number, now: number): string {
  const diff = at - now
  const abs = Math.abs(diff)
  if (abs < MINUTE) return relative.format(0, 'second')
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute')
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), 'hour')
  if (abs < 30 * DAY) return relative.format(Math.round(diff / DAY), 'day')
  if (abs < 365 * DAY) return relative.format(Math.round(diff / (30 * DAY)), 'month')
  return relative.format(Math.round(diff / (365 * DAY)), 'year')
}

/** The local date and time in full: "Saturday 29 January 2022 at 13:47". */
export function localDateTime(at: number): string {
  return fullDate.format(at)
}

/** A signed offset from a reference time: "+35 min", "+2 h", "−1 d", "+3 mo", "same time". */
export function signedOffset(at: number, reference: number): string {
  const diff = at - reference
  const sign = diff < 0 ? MINUS : '+'
  const minutes = Math.round(Math.abs(diff) / MINUTE)
  if (minutes === 0) return 'same time'
  if (minutes < 60) return `${sign}${minutes} min`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${sign}${hours} h`
  const days = Math.round(hours / 24)
  if (days < 60) return `${sign}${days} d`
  const months = Math.round(days / 30)
  if (months < 24) return `${sign}${months} mo`
  return `${sign}${Math.round(days / 365)} y`
}

/** A duration in words for the related header: "2 h", "3 d". */
export function spanLabel(ms: number): string {
  const offset = signedOffset(ms, 0)
  return offset === 'same time' ? 'under a minute' : offset.slice(1)
}
