import { startTransition, useEffect, useRef, useState } from 'react'

/**
 * Follows `value`, but at most once per `intervalMs`: the first change passes at
 * once and the last one always lands. Rebuilding the 100k-row index on every
 * batch of a sync would starve the UI; a few times a second is plenty. `inBackground`: the value lands as
 * a transition, which a click or keystroke interrupts, rather than as a render that runs before them.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, inBackground = false): T {
  const [shown, setShown] = useState(value)
  const lastAt = useRef(0)
  useEffect(() => {
    const wait = lastAt.current + intervalMs - Date.now()
    const timer = setTimeout(
      () => {
        lastAt.current = Date.now()
        if (inBackground) startTransition(() => setShown(value))
        else setShown(value)
      },
      Math.max(0, wait)
    )
    return () => clearTimeout(timer)
  }, [value, intervalMs, inBackground])
  return shown
}
