// Which facet values the left column lists: the busiest first, the selected
// ones always (even at zero, so they can be unticked), empty ones hidden.
export interface FacetEntry {
  name: string
  count: number
  selected: boolean
}

export interface FacetList {
  entries: FacetEntry[]
  /** Values with a count that did not fit under the limit. */
  hidden: number
}

export function facetEntries(names: readonly string[], counts: Int32Array, selected: readonly string[], limit: number, find = ''): FacetList {
  const chosen = new Set(selected.map((name) => name.toLowerCase()))
  const needle = find.trim().toLowerCase()
  const pinned: FacetEntry[] = []
  const rest: FacetEntry[] = []
  const seen = new Set<string>()
  for (let id = 0; id < names.length; id++) {
    const name = names[id]
    const key = name.toLowerCase()
    seen.add(key)
    const count = counts[id] ?? 0
    if (chosen.has(key)) pinned.push({ name, count, selected: true })
    else if (count > 0 && (needle === '' || key.includes(needle))) rest.push({ name, count, selected: false })
  }
  for (const name of selected) if (!seen.has(name.toLowerCase())) pinned.push({ name, count: 0, selected: true })
  pinned.sort(byCount)
  const room = Math.max(0, limit - pinned.length)
  return { entries: [...pinned, ...busiest(rest, room)], hidden: Math.max(0, rest.length - room) }
}

const byCount = (a: FacetEntry, b: FacetEntry): number => b.count - a.count || a.name.localeCompare(b.name)

/**
 * The first `room` entries in byCount order. Only those are shown, and sorting a thousand providers with
 * localeCompare on every filter pass cost tens of milliseconds a click: the best seen so far are kept
 * instead, and most values lose to the last of them on their count alone.
 */
function busiest(entries: FacetEntry[], room: number): FacetEntry[] {
  if (entries.length <= room) return entries.sort(byCount)
  const best: FacetEntry[] = []
  for (const entry of entries) {
    if (best.length === room && (room === 0 || byCount(entry, best[room - 1]) >= 0)) continue
    let at = best.length
    while (at > 0 && byCount(entry, best[at - 1]) < 0) at--
    best.splice(at, 0, entry)
    if (best.length > room) best.pop()
  }
  return best
}

/** Adds or removes a value, case-insensitively. */
export function toggleValue(values: readonly string[], value: string): string[] {
  const key = value.toLowerCase()
  return values.some((v) => v.toLowerCase() === key) ? values.filter((v) => v.toLowerCase() !== key) : [...values, value]
}
