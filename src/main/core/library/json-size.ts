// How long a value's JSON is, without building it: a batch is cut by bytes, and serialising every
// card twice (once to weigh, once to send) would cost a sync a third more CPU. Characters are
// counted, not UTF-8 bytes, and escapes are not, so it can be a little short for text full of
// non-ASCII or quotes; cards (whose fields are mostly ASCII) come within a few percent.
export function jsonSizeOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2
    case 'number':
      return Number.isFinite(value) ? numberSize(value) : 4
    case 'boolean':
      return value ? 4 : 5
    case 'object':
      if (value === null) return 4
      if (Array.isArray(value)) {
        let size = 1 + Math.max(1, value.length)
        for (const item of value) size += item === undefined ? 4 : jsonSizeOf(item)
        return size
      }
      return objectSize(value as Record<string, unknown>)
    default:
      return 0
  }
}

function objectSize(value: Record<string, unknown>): number {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return jsonSizeOf((value as { toJSON(): unknown }).toJSON())
  let size = 2
  let fields = 0
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue
    const field = value[key]
    if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue
    size += key.length + 3 + jsonSizeOf(field)
    fields++
  }
  return size + Math.max(0, fields - 1)
}

// Integers (the usual case: times in ms, counts) without making a string.
function numberSize(value: number): number {
  if (!Number.isInteger(value) || Math.abs(value) >= 1e21) return String(value).length
  let size = value < 0 ? 2 : 1
  for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) size++
  return size
}
