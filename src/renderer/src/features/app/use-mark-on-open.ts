import { useEffect, useRef, type RefObject } from 'react'
import type { LibraryController } from '../../data/library-controller'
import { markReadDelay, type MarkReadSetting } from '../settings/mark-read-setting'

/**
 * Marks the open card read once it has been open for the set time. Returns a
 * ref the caller sets when the user toggles that card by hand, so the timer
 * never overrides a deliberate "Mark as unread".
 */
export function useMarkOnOpen(openId: string | null, setting: MarkReadSetting, library: LibraryController): RefObject<string | null> {
  const touchedByHand = useRef<string | null>(null)
  const delay = markReadDelay(setting)
  useEffect(() => {
    touchedByHand.current = null
    if (openId === null || delay === null) return
    const timer = setTimeout(() => {
      if (touchedByHand.current === openId) return
      if (!library.store.mark(openId)?.read) void library.setRead(openId, true)
    }, delay)
    return () => clearTimeout(timer)
  }, [openId, delay, library])
  return touchedByHand
}
