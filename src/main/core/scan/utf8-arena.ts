// Many short strings (a large folder's paths) as UTF-8 in one growing byte buffer, off V8's heap:
// 100k path strings cost ~15 MB of heap (and V8 sizes the heap to a multiple of what lives in it);
// here they cost their bytes, and only the ones asked for become strings again, briefly.

const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder()
/** UTF-8 takes at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3

export class Utf8Arena {
  private bytes = new Uint8Array(64 * 1024)
  private bytesUsed = 0
  /** Where string n starts in `bytes`; it ends where string n + 1 starts. */
  private starts = new Uint32Array(1024)
  private count = 0

  constructor(texts: Iterable<string> = []) {
    for (const text of texts) this.add(text)
  }

  get length(): number {
    return this.count
  }

  /** Appends `text`; returns its number. */
  add(text: string): number {
    const room = text.length * MAX_BYTES_PER_UNIT
    if (this.bytesUsed + room > this.bytes.length) this.bytes = grown(this.bytes, this.bytesUsed + room)
    this.bytesUsed += utf8Encoder.encodeInto(text, this.bytes.subarray(this.bytesUsed)).written
    const n = this.count++
    if (n + 2 > this.starts.length) this.starts = grown(this.starts, n + 2)
    this.starts[n + 1] = this.bytesUsed
    return n
  }

  at(n: number): string {
    return utf8Decoder.decode(this.bytes.subarray(this.starts[n], this.starts[n + 1]))
  }

  /** Strings `start` to `end` (not included), as an array. */
  slice(start: number, end: number): string[] {
    const texts: string[] = []
    for (let n = Math.max(0, start); n < Math.min(end, this.count); n++) texts.push(this.at(n))
    return texts
  }
}

function grown<T extends Uint8Array | Uint32Array>(array: T, atLeast: number): T {
  let length = array.length * 2
  while (length < atLeast) length *= 2
  const bigger = new (array.constructor as new (length: number) => T)(length)
  bigger.set(array)
  return bigger
}
