// The rest of what a click asked for must not queue behind a sync: with a plain setTimeout it waited for
// every IndexedDB callback and network chunk already queued (an open's related list took 100-250 ms more
// during a sync). Chromium's scheduler.postTask runs a user-blocking task ahead of those.

interface PostTaskScheduler {
  postTask(run: () => void, options: { priority: 'user-blocking'; signal: AbortSignal }): Promise<unknown>
}

/** Runs `run` in a task of its own, ahead of ordinary queued tasks where the browser can; returns a cancel. */
export function queueUrgentTask(run: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler
  if (typeof scheduler?.postTask === 'function') {
    const cancelled = new AbortController()
    // A cancelled task's promise rejects with an AbortError: expected, not a failure.
    scheduler.postTask(run, { priority: 'user-blocking', signal: cancelled.signal }).catch(() => undefined)
    return () => cancelled.abort()
  }
  const timer = setTimeout(run, 0)
  return () => clearTimeout(timer)
}
