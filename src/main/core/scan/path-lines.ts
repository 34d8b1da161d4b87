// The paths of a scan as one block of UTF-8 "lines" in shared memory: ~100k path strings at 100k files are
// ~10 MB of JS heap in the scanning thread, and each chunk's strings were cloned again into its worker. The
// block is shared with every worker (not copied), a chunk is a byte range of it, and a chunk's strings are made
// only in the thread that reads it, only while it reads it.

/** Ends each path: a file name may hold a newline, never a NUL. */
const END = 0

export interface PathLines {
  /** Each path's UTF-8 bytes, each followed by END. */
  bytes: SharedArrayBuffer
  /** Byte offset where each path starts, then the block's length (one more entry than there are paths). */
  starts: Uint32Array
}

/** `paths` packed into one shared block, in order. */
export function asLineFile(paths: readonly string[]): PathLines {
  let size = 0
  for (const path of paths) size += Buffer.byteLength(path, 'utf8') + 1
  const bytes = new SharedArrayBuffer(size)
  const view = Buffer.from(bytes)
  const starts = new Uint32Array(paths.length + 1)
  let at = 0
  paths.forEach((path, i) => {
    starts[i] = at
    at += view.write(path, at, 'utf8')
    view[at++] = END
  })
  starts[paths.length] = at
  return { bytes, starts }
}

/** The paths in bytes [start, end) of a block, which start and end at path boundaries. */
export function pathsIn(bytes: SharedArrayBuffer, start: number, end: number): string[] {
  if (end <= start) return []
  return Buffer.from(bytes, start, end - start - 1).toString('utf8').split(String.fromCharCode(END))
}
