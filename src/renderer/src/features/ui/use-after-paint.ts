// Work a click can wait for (the rest of a long list, a Markdown body) is
// rendered once the click's own frame has painted: a requestAnimationFrame
// callback runs before that paint, and a task queued from it runs after. That task is user-blocking: with a
// plain setTimeout it waited behind every IndexedDB callback and network chunk a sync had queued (an open's
// related list took 100-250 ms more during a sync).
import { useEffect, useState } from 'react'
import { postTask } from '../../scheduling/post-task'

const NOT_YET = Symbol('not yet painted')

/**
 * False in the render that first shows `key` (a card id, say), true from the render after `paints` frames
 * have painted it. A new key is false again at once, in the same render, so nothing of the previous key's
 * deferred part is ever shown with the new one. Two deferred parts with different `paints` land in
 * different frames rather than together in the one after the click's.
 */
export function useAfterPaint(key: unknown, paints = 1): boolean {
  const [paintedKey, setPaintedKey] = useState<unknown>(NOT_YET)
  useEffect(() => {
    let frame = 0
    let cancelTask: (() => void) | undefined
    const afterPaint = (left: number): void => {
      frame = requestAnimationFrame(() => {
        cancelTask = postTask(() => (left > 1 ? afterPaint(left - 1) : setPaintedKey(() => key)), 'user-blocking')
      })
    }
    afterPaint(paints)
    return () => {
      cancelAnimationFrame(frame)
      cancelTask?.()
    }
  }, [key, paints])
  return Object.is(paintedKey, key)
}
