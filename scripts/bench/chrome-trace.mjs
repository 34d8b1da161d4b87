// A Chrome trace of one page over CDP, written as a JSON file that the DevTools Performance panel (or
// chrome://tracing, ui.perfetto.dev) opens: each long task with the scripts, renders, layouts and IndexedDB
// work inside it, which a sampled CPU profile (--profile) does not break down by task.
import { createWriteStream } from 'node:fs'

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
  'latencyInfo',
  'toplevel',
  'loading'
]

/** Starts tracing `page`; the returned function ends it and writes the trace to `path`. */
export async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } })
  return async (path) => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.end')
    const { stream } = await complete
    const out = createWriteStream(path)
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 })
      out.write(base64Encoded ? Buffer.from(data, 'base64') : data)
      if (eof) break
    }
    await cdp.send('IO.close', { handle: stream })
    await new Promise((resolve) => out.end(resolve))
    await cdp.detach()
  }
}
