import { useEffect, useRef, useState } from 'react'

/**
 * Follows `value`, but at most once per `intervalMs`: the first change passes at
 * once and the last one always lands. Rebuilding the 100k-row index on every
 * batch of a sync would starve the UI; a few times a second is plenty.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value)
  const lastAt = useRef(0)
  useEffect(() => {
    const wait = lastAt.current + intervalMs - Date.now()
    const timer = setTimeout(
      () => {
        lastAt.current = Date.now()
        setShown(value)
      },
      Math.max(0, wait)
    )
    return () => clearTimeout(timer)
  }, [value, intervalMs])
  return shown
}
