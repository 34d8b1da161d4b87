// The page's first Intl formatter took 50-100 ms of the main thread on a restart (ICU loading its locale
// data), right in the way of the first rows. That data is kept per process, so a worker making the same
// formatters while the main thread still evaluates the bundle leaves the main thread's first ones at ~1 ms.
// Imported first by main.tsx, so the worker starts before React and Dexie are evaluated.
function warmIntlOffThread(): void {
  if (typeof Worker === 'undefined') return
  try {
    const worker = new Worker(new URL('./intl-warm.worker.ts', import.meta.url), { type: 'module' })
    const end = (): void => worker.terminate()
    worker.onmessage = end
    worker.onerror = end
  } catch {
    // Only a head start: without a worker the main thread loads the data itself, as before.
  }
}

warmIntlOffThread()
