// Chromium's Prioritized Task Scheduling API (scheduler.postTask) where the page has it. A task's priority
// decides what it may overtake: a click's deferred work must not wait behind a sync's queued IndexedDB and
// network tasks (user-blocking), and a sync's next write should wait for the page's own work (background).
// Node (the unit tests) and older engines have no scheduler: there a plain timer stands in.

export type TaskPriority = 'user-blocking' | 'user-visible' | 'background'

interface TaskScheduler {
  postTask(run: () => void, options: { priority: TaskPriority; signal: AbortSignal }): Promise<unknown>
}

/** Runs `run` in a task of its own at `priority`; returns a cancel. */
export function postTask(run: () => void, priority: TaskPriority): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler
  if (typeof scheduler?.postTask === 'function') {
    const cancelled = new AbortController()
    // A cancelled task's promise rejects with an AbortError: expected, not a failure.
    scheduler.postTask(run, { priority, signal: cancelled.signal }).catch(() => undefined)
    return () => cancelled.abort()
  }
  const timer = setTimeout(run, 0)
  return () => clearTimeout(timer)
}
