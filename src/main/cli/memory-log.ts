// TIDINGS_MEMORY_LOG=MS: one JSON line of process.memoryUsage() (MB) on stderr every MS ms, to split a peak RSS
// into this thread's heap, the memory V8 tracks outside it (Buffers) and the rest (worker isolates, native).
const MB = 1024 * 1024

export function logMemoryFromEnv(write: (line: string) => void = (line) => process.stderr.write(line)): void {
  const every = Number(process.env.TIDINGS_MEMORY_LOG)
  if (!(every > 0)) return
  const started = performance.now()
  setInterval(() => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage()
    const mb = (bytes: number): number => Math.round(bytes / MB)
    const s = Math.round(performance.now() - started) / 1000
    write(`${JSON.stringify({ memory: { s, rss: mb(rss), heapTotal: mb(heapTotal), heapUsed: mb(heapUsed), external: mb(external), arrayBuffers: mb(arrayBuffers) } })}\n`)
  }, every).unref()
}
