// Files a process leaves in the shared cache carry its pid: another Tidings still running owns them.

/** Whether a process with this pid is alive (EPERM: alive, but another user's). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
