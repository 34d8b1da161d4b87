/**
 * Strings held for every image (300k at library scale) are kept small: texts that repeat (host names,
 * types, failure details such as "example.com is not answering (...)") are shared, one copy each.
 */
const MAX_INTERNED = 20_000
const interned = new Map<string, string>()

/** The one shared copy of a text that repeats across images. */
export function intern<T extends string | undefined>(text: T): T {
  if (text === undefined) return text
  const known = interned.get(text)
  if (known !== undefined) return known as T
  // Past the cap (texts that do not repeat after all), each keeps its own copy.
  if (interned.size >= MAX_INTERNED) return text
  const copy = ownCopy(text)
  interned.set(copy, copy)
  return copy as T
}

/**
 * A copy that holds nothing else alive. A URL taken from a card parsed in this process may be a
 * slice of the whole file's text, and V8 keeps that text alive as long as the slice; a string
 * decoded afresh from its bytes is a new flat string.
 */
export function ownCopy(text: string): string {
  const copy = Buffer.from(text, 'utf8').toString('utf8')
  // A lone surrogate does not survive UTF-8; JSON escapes it and brings it back.
  return copy === text ? copy : (JSON.parse(JSON.stringify(text)) as string)
}
